package dev.weft.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A worker found no work and parked; the duration is how long it stayed parked. */
@Name(WorkerParkEvent.NAME)
@Category("Weft")
@Label("Worker Park")
@Description("A Weft worker had no work and parked, in the I/O driver or on its parker")
@Enabled(false) // per-task or per-park: off unless a settings file (weft.jfc) turns it on, like jdk.VirtualThreadStart
@StackTrace(false)
public final class WorkerParkEvent extends Event {
    /** The event's name in recordings. */
    public static final String NAME = "dev.weft.WorkerPark";
    private static final WorkerParkEvent PROBE = new WorkerParkEvent();

    @Label("Worker")
    @Description("The worker's index")
    int worker;

    @Label("Turned Driver")
    @Description("True if it parked in the I/O and timer driver at least once (selector), false if only on its parker")
    boolean inDriver;

    /** @return true if a recording wants this event; allocates nothing */
    static boolean enabled() {
        return PROBE.isEnabled();
    }
}
