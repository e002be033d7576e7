package dev.weft.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/** The counters of one runtime, written periodically (like {@code jdk.CPULoad}). */
@Name(RuntimeMetricsEvent.NAME)
@Category("Weft")
@Label("Runtime Metrics")
@Description("Workers, live tasks, queue depths and the cumulative poll, steal and park counts of a Weft runtime")
@StackTrace(false)
@Period("1 s")
public final class RuntimeMetricsEvent extends Event {
    /** The event's name in recordings. */
    public static final String NAME = "dev.weft.RuntimeMetrics";
    private static final RuntimeMetricsEvent PROBE = new RuntimeMetricsEvent();

    @Label("Runtime")
    String runtime;
    @Label("Workers")
    int workers;
    @Label("Live Tasks")
    long liveTasks;
    @Label("Injection Queue Depth")
    long injectionQueueDepth;
    @Label("Local Queue Depth")
    @Description("Tasks in every worker's local queue together")
    long localQueueDepth;
    @Label("Polls")
    long polls;
    @Label("Steals")
    @Description("Tasks stolen between workers")
    long steals;
    @Label("Parks")
    long parks;
    @Label("Blocking Threads")
    int blockingThreads;
    @Label("Idle Blocking Threads")
    int idleBlockingThreads;
    @Label("Blocking Queue Depth")
    int blockingQueueDepth;
    @Label("Timers Pending")
    int timersPending;

    /** @return true if a recording wants this event; allocates nothing */
    static boolean enabled() {
        return PROBE.isEnabled();
    }
}
