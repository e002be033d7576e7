package dev.weft.internal.scheduler;

import dev.weft.future.Awaitable;
import dev.weft.internal.task.TaskCell;

/**
 * What one kind of runtime does differently from the other: where a woken task waits and who
 * polls it. A {@link RuntimeCore} is composed with exactly one flavour, which it builds in its
 * constructor and calls through a final field; everything else (the registry, spawning, failure
 * reporting, diagnostics, the shutdown sequence) is the core's.
 *
 * <h2>Who may call</h2>
 * Only the core calls a flavour, at the points its methods name: {@link #schedule} from any
 * thread; {@link #scheduleYield} from the thread that ran the task; {@link #startWorkers} once,
 * from the core's constructor; {@link #drain} and then {@link #stopWorkers} once, from
 * {@link RuntimeCore#close()}; {@link #blockOn} from any thread outside this runtime.
 */
public interface SchedulerFlavour {
    /**
     * Enqueues a notified task (see {@link dev.weft.internal.task.TaskScheduler#schedule}). Any
     * thread.
     *
     * @param task the task, notified and not queued anywhere else
     */
    void schedule(TaskCell<?> task);

    /**
     * Enqueues a task woken during its own poll behind the tasks already waiting (see
     * {@link dev.weft.internal.task.TaskScheduler#scheduleYield}). The runner's thread.
     *
     * @param task the task
     */
    void scheduleYield(TaskCell<?> task);

    /** @return the counters only the flavour knows; any thread, cheap */
    SchedulerStats stats();

    /** Starts the flavour's threads, if it has any; the core is fully built when it calls this. */
    void startWorkers();

    /**
     * Runs {@code future} on the calling thread until it completes, with this runtime as the
     * current one.
     *
     * @param future the root future
     * @param <T> its type
     * @return its value
     * @throws Exception whatever it throws, unchanged
     * @throws IllegalStateException if the runtime is closed
     */
    <T> T blockOn(Awaitable<T> future) throws Exception;

    /**
     * Step 3 of the shutdown: lets the aborted tasks finish. A flavour whose tasks run on its
     * own threads waits ({@link RuntimeCore#awaitDrained(long)}); one whose tasks run only inside
     * {@code blockOn} drives them on the closing thread.
     *
     * @param deadline {@link System#nanoTime()} to give up at
     * @return true if no task is live any more
     */
    boolean drain(long deadline);

    /**
     * Step 4 of the shutdown: ends the flavour's threads, if it has any.
     *
     * @param deadline {@link System#nanoTime()} after which not to wait for them
     */
    void stopWorkers(long deadline);
}
