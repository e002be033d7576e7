package dev.weft.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** The blocking pool started a thread; the event's stack trace is the submitter's. */
@Name(BlockingPoolGrowEvent.NAME)
@Category("Weft")
@Label("Blocking Pool Grow")
@Description("The blocking pool behind spawnBlocking started a new thread because none was idle")
@StackTrace(true)
public final class BlockingPoolGrowEvent extends Event {
    /** The event's name in recordings. */
    public static final String NAME = "dev.weft.BlockingPoolGrow";
    private static final BlockingPoolGrowEvent PROBE = new BlockingPoolGrowEvent();

    @Label("Threads")
    @Description("Pool threads after this one started")
    int threads;

    @Label("Max Threads")
    @Description("The pool's limit")
    int maxThreads;

    /** @return true if a recording wants this event; allocates nothing */
    static boolean enabled() {
        return PROBE.isEnabled();
    }
}
