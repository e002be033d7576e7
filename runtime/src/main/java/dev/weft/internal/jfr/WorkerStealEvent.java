package dev.weft.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A worker with nothing to do stole tasks from another worker's queue. */
@Name(WorkerStealEvent.NAME)
@Category("Weft")
@Label("Worker Steal")
@Description("A Weft worker stole tasks from another worker's local queue")
@Enabled(false) // per-task or per-park: off unless a settings file (weft.jfc) turns it on, like jdk.VirtualThreadStart
@StackTrace(false)
public final class WorkerStealEvent extends Event {
    /** The event's name in recordings. */
    public static final String NAME = "dev.weft.WorkerSteal";
    private static final WorkerStealEvent PROBE = new WorkerStealEvent();

    @Label("Worker")
    @Description("The index of the worker that stole")
    int worker;

    @Label("Victim")
    @Description("The index of the worker it stole from")
    int victim;

    @Label("Tasks")
    @Description("How many tasks it took (half of the victim's queue)")
    int tasks;

    /** @return true if a recording wants this event; allocates nothing */
    static boolean enabled() {
        return PROBE.isEnabled();
    }
}
