package dev.weft.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A task was spawned. {@code stack} is the spawning call site starting at the caller's own frame:
 * the runtime's frames between it and the event ({@code Task.spawn}, the runtime core) are left out,
 * so the first line is the line that spawned. JFR's own stack trace is off, since it would start
 * inside the runtime and cannot be told to skip frames.
 */
@Name(TaskSpawnedEvent.NAME)
@Category("Weft")
@Label("Task Spawned")
@Description("A task was spawned on a Weft runtime; the stack trace shows where")
@Enabled(false) // per-task or per-park: off unless a settings file (weft.jfc) turns it on, like jdk.VirtualThreadStart
@StackTrace(false)
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

    @Label("Spawn Site")
    @Description("Where the task was spawned: the caller of Weft's spawn and up to three of its callers, innermost first")
    String stack;

    /** @return true if a recording wants this event; allocates nothing */
    static boolean enabled() {
        return PROBE.isEnabled();
    }
}
