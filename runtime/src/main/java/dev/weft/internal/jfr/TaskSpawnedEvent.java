package dev.weft.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A task was spawned; the event's stack trace is the spawning call site. */
@Name(TaskSpawnedEvent.NAME)
@Category("Weft")
@Label("Task Spawned")
@Description("A task was spawned on a Weft runtime; the stack trace shows where")
@Enabled(false) // per-task or per-park: off unless a settings file (weft.jfc) turns it on, like jdk.VirtualThreadStart
@StackTrace(true)
public final class TaskSpawnedEvent extends Event {
    /** The event's name in recordings. */
    public static final String NAME = "dev.weft.TaskSpawned";
    private static final TaskSpawnedEvent PROBE = new TaskSpawnedEvent();

    @Label("Task Id")
    @Description("The task's id, unique in this JVM")
    long taskId;

    @Label("Task Name")
    @Description("The name given at spawn, or what the task runs")
    String taskName;

    /** @return true if a recording wants this event; allocates nothing */
    static boolean enabled() {
        return PROBE.isEnabled();
    }
}
