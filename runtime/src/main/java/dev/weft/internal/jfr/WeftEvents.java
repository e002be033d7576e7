package dev.weft.internal.jfr;

import dev.weft.diagnostics.TaskInfo;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the runtime writes its events. Call sites guard each call with {@link JfrGate#on()};
 * each method then checks its event's {@code enabled()} before it allocates anything.
 * Nothing here throws into the runtime: a failing event is dropped.
 *
 * <h2>Who may call</h2>
 * Any thread; each method says which thread the runtime calls it on.
 */
public final class WeftEvents {
    private static final AtomicLong DUMP_IDS = new AtomicLong();

    private WeftEvents() {
    }

    // ===== tasks =====

    /**
     * A task is about to be scheduled for its first poll; the spawner's thread.
     *
     * @param task the task
     * @return the {@code TaskEnded} event already begun, for the task to keep until it ends; or null
     */
    public static Object taskSpawned(TracedTask task) {
        if (TaskSpawnedEvent.enabled()) {
            TaskSpawnedEvent e = new TaskSpawnedEvent();
            e.taskId = task.id();
            e.taskName = task.name();
            e.stack = SpawnSite.describe();
            e.commit();
        }
        if (TaskEndedEvent.enabled()) {
            TaskEndedEvent e = new TaskEndedEvent();
            e.begin();
            return e;
        }
        return null;
    }

    /**
     * A task completed; the thread that ran its last poll.
     *
     * @param begun what {@link #taskSpawned} returned (not null)
     * @param task the task
     * @param outcome {@code ok}, {@code failed} or {@code cancelled}
     * @param failure what it threw, or null
     * @param polls how many times it was polled
     */
    public static void taskEnded(Object begun, TracedTask task, String outcome, Throwable failure, int polls) {
        TaskEndedEvent e = (TaskEndedEvent) begun;
        e.end();
        if (e.shouldCommit()) {
            e.taskId = task.id();
            e.taskName = task.name();
            e.outcome = outcome;
            e.failure = failure == null ? null : failure.getClass().getName() + ": " + failure.getMessage();
            e.polls = polls;
            e.commit();
        }
    }

    /** @return true if a recording wants {@code dev.weft.LongPoll}: the watchdog should run */
    public static boolean longPollEnabled() {
        return LongPollEvent.enabled();
    }

    /**
     * A poll was found stuck; the watchdog's thread.
     *
     * @param worker the stuck thread
     * @param task the task it polls, or null if unknown
     * @param stuckFor nanoseconds the poll had run when sampled
     * @param threshold the threshold in nanoseconds
     * @param stack the worker's stack, sampled during the poll
     */
    public static void longPoll(Thread worker, TracedTask task, long stuckFor, long threshold, StackTraceElement[] stack) {
        if (!LongPollEvent.enabled()) {
            return;
        }
        LongPollEvent e = new LongPollEvent();
        e.worker = worker;
        e.taskId = task == null ? 0 : task.id();
        e.taskName = task == null ? null : task.name();
        e.stuckFor = stuckFor;
        e.threshold = threshold;
        e.stack = format(stack);
        e.commit();
    }

    /**
     * An await blocked its thread; that thread, before it blocks.
     *
     * @param culprit which call could not suspend
     * @param taskId the task being polled, or 0
     * @param stack the stack as text, or null to leave it to the event's own stack trace
     */
    public static void pinned(String culprit, long taskId, String stack) {
        if (!PinnedSuspensionEvent.enabled()) {
            return;
        }
        PinnedSuspensionEvent e = new PinnedSuspensionEvent();
        e.culprit = culprit;
        e.taskId = taskId;
        e.stack = stack;
        e.commit();
    }

    // ===== workers =====

    /** @return a begun {@code WorkerPark} event, or null; the parking worker's thread */
    public static Object parkBegin() {
        if (!WorkerParkEvent.enabled()) {
            return null;
        }
        WorkerParkEvent e = new WorkerParkEvent();
        e.begin();
        return e;
    }

    /**
     * The worker stopped parking; its own thread.
     *
     * @param begun what {@link #parkBegin()} returned (not null)
     * @param worker its index
     * @param inDriver whether it parked in the driver at least once
     */
    public static void parkEnd(Object begun, int worker, boolean inDriver) {
        WorkerParkEvent e = (WorkerParkEvent) begun;
        e.end();
        if (e.shouldCommit()) {
            e.worker = worker;
            e.inDriver = inDriver;
            e.commit();
        }
    }

    /** @param worker the index of a worker just woken; the waking thread */
    public static void unparked(int worker) {
        if (!WorkerUnparkEvent.enabled()) {
            return;
        }
        WorkerUnparkEvent e = new WorkerUnparkEvent();
        e.worker = worker;
        e.commit();
    }

    /**
     * A steal succeeded; the thief's thread.
     *
     * @param worker the thief
     * @param victim the worker stolen from
     * @param tasks how many tasks moved
     */
    public static void stole(int worker, int victim, int tasks) {
        if (!WorkerStealEvent.enabled()) {
            return;
        }
        WorkerStealEvent e = new WorkerStealEvent();
        e.worker = worker;
        e.victim = victim;
        e.tasks = tasks;
        e.commit();
    }

    /**
     * The blocking pool started a thread; the submitter's thread.
     *
     * @param threads threads now
     * @param maxThreads the limit
     */
    public static void blockingPoolGrew(int threads, int maxThreads) {
        if (!BlockingPoolGrowEvent.enabled()) {
            return;
        }
        BlockingPoolGrowEvent e = new BlockingPoolGrowEvent();
        e.threads = threads;
        e.maxThreads = maxThreads;
        e.commit();
    }

    // ===== task dumps =====

    /**
     * Writes one {@code dev.weft.TaskDump} event per task, sharing one dump id.
     *
     * @param runtime the runtime's name
     * @param tasks the dump
     * @return events written (0 if no recording wants them)
     */
    public static int taskDump(String runtime, List<TaskInfo> tasks) {
        if (!TaskDumpEvent.enabled()) {
            return 0;
        }
        long dumpId = DUMP_IDS.incrementAndGet();
        for (TaskInfo t : tasks) {
            TaskDumpEvent e = new TaskDumpEvent();
            e.dumpId = dumpId;
            e.runtime = runtime;
            e.taskId = t.id();
            e.taskName = t.name();
            e.state = t.state();
            e.stack = format(t.stack().toArray(new StackTraceElement[0]));
            e.commit();
        }
        return tasks.size();
    }

    /** @return the frames as a thread dump prints them, one per line, innermost first */
    static String format(StackTraceElement[] stack) {
        StringBuilder b = new StringBuilder();
        for (StackTraceElement f : stack) {
            if (b.length() > 0) {
                b.append('\n');
            }
            b.append(f);
        }
        return b.toString();
    }
}
