package dev.weft.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A parked worker was woken to look for new work; the event's thread is the one that woke it. */
@Name(WorkerUnparkEvent.NAME)
@Category("Weft")
@Label("Worker Unpark")
@Description("A parked Weft worker was woken because work was published")
@Enabled(false) // per-task or per-park: off unless a settings file (weft.jfc) turns it on, like jdk.VirtualThreadStart
@StackTrace(false)
public final class WorkerUnparkEvent extends Event {
    /** The event's name in recordings. */
    public static final String NAME = "dev.weft.WorkerUnpark";
    private static final WorkerUnparkEvent PROBE = new WorkerUnparkEvent();

    @Label("Worker")
    @Description("The index of the worker that was woken")
    int worker;

    /** @return true if a recording wants this event; allocates nothing */
    static boolean enabled() {
        return PROBE.isEnabled();
    }
}
