package dev.weft.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * One poll held its thread past the runtime's long-poll threshold (default 10 ms): the task
 * blocked, or computed too long between awaits. The watchdog that noticed commits it, so the
 * event's own thread and stack trace are the watchdog's; {@code worker} and {@code stack} are
 * the stuck thread's, sampled while it was stuck.
 */
@Name(LongPollEvent.NAME)
@Category("Weft")
@Label("Long Poll")
@Description("A task held a Weft thread past the long-poll threshold; the stack shows what it was doing")
@StackTrace(false)
public final class LongPollEvent extends Event {
    /** The event's name in recordings. */
    public static final String NAME = "dev.weft.LongPoll";
    private static final LongPollEvent PROBE = new LongPollEvent();

    @Label("Worker")
    @Description("The thread that was stuck in the poll")
    Thread worker;

    @Label("Task Id")
    long taskId;

    @Label("Task Name")
    String taskName;

    @Label("Stuck For")
    @Description("How long the poll had been running when its stack was sampled")
    @Timespan(Timespan.NANOSECONDS)
    long stuckFor;

    @Label("Threshold")
    @Description("The runtime's long-poll threshold")
    @Timespan(Timespan.NANOSECONDS)
    long threshold;

    @Label("Stack")
    @Description("The stuck thread's stack, innermost frame first, sampled while the poll was running")
    String stack;

    /** @return true if a recording wants this event; allocates nothing */
    static boolean enabled() {
        return PROBE.isEnabled();
    }
}
