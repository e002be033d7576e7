package dev.weft.internal.jfr;

import dev.weft.diagnostics.RuntimeMetrics;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import jdk.jfr.FlightRecorder;

/**
 * The events JFR asks for on a period: {@code dev.weft.RuntimeMetrics} (every second by default)
 * and {@code dev.weft.TaskDump} (at the end of every chunk), written for every open runtime.
 */
public final class PeriodicEvents {
    /** Open runtimes; a runtime adds itself when built and removes itself when closed. */
    private static final List<ObservedRuntime> OPEN = new CopyOnWriteArrayList<>();

    private PeriodicEvents() {
    }

    /** @param s a runtime just built */
    public static void opened(ObservedRuntime s) {
        OPEN.add(s);
    }

    /** @param s a runtime being closed */
    public static void closed(ObservedRuntime s) {
        OPEN.remove(s);
    }

    /** Called once, when the recorder initialises. */
    static void register() {
        FlightRecorder.addPeriodicEvent(RuntimeMetricsEvent.class, PeriodicEvents::writeMetrics);
        FlightRecorder.addPeriodicEvent(TaskDumpEvent.class, PeriodicEvents::writeTaskDumps);
    }

    private static void writeMetrics() {
        for (ObservedRuntime s : OPEN) {
            RuntimeMetrics m = s.metrics();
            RuntimeMetricsEvent e = new RuntimeMetricsEvent();
            e.runtime = s.name();
            e.workers = m.workers();
            e.liveTasks = m.liveTasks();
            e.injectionQueueDepth = m.injectionQueueDepth();
            e.localQueueDepth = m.localQueueDepth();
            e.polls = m.polls();
            e.steals = m.steals();
            e.parks = m.parks();
            e.blockingThreads = m.blockingThreads();
            e.idleBlockingThreads = m.idleBlockingThreads();
            e.blockingQueueDepth = m.blockingQueueDepth();
            e.timersPending = m.timersPending();
            e.commit();
        }
    }

    private static void writeTaskDumps() {
        for (ObservedRuntime s : OPEN) {
            WeftEvents.taskDump(s.name(), s.dumpTasks());
        }
    }
}
