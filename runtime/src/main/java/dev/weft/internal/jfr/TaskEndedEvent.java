package dev.weft.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A task completed. The event begins when the task is spawned (if a recording wanted it then),
 * so its start time and duration are the task's life; it is committed by the thread that ran the
 * task's last poll. A {@code threshold} setting keeps only the long-lived tasks.
 */
@Name(TaskEndedEvent.NAME)
@Category("Weft")
@Label("Task Ended")
@Description("A task completed: ok, failed or cancelled; the duration is its life from spawn")
@Enabled(false) // per-task or per-park: off unless a settings file (weft.jfc) turns it on, like jdk.VirtualThreadStart
@StackTrace(false)
public final class TaskEndedEvent extends Event {
    /** The event's name in recordings. */
    public static final String NAME = "dev.weft.TaskEnded";
    private static final TaskEndedEvent PROBE = new TaskEndedEvent();

    @Label("Task Id")
    long taskId;

    @Label("Task Name")
    String taskName;

    @Label("Outcome")
    @Description("ok, failed or cancelled")
    String outcome;

    @Label("Failure")
    @Description("The class and message of what the task threw, if it failed")
    String failure;

    @Label("Polls")
    @Description("How many times the task was polled")
    int polls;

    /** @return true if a recording wants this event; allocates nothing */
    static boolean enabled() {
        return PROBE.isEnabled();
    }
}
