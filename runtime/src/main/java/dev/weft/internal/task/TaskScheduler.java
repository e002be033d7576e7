package dev.weft.internal.task;

/**
 * What a {@link TaskCell} needs from the scheduler that runs it (Tokio's {@code Schedule} trait).
 *
 * <h2>Who may call</h2>
 * {@link #schedule} from any thread; {@link #scheduleYield} and {@link #release} from the thread
 * that ran the task.
 */
public interface TaskScheduler {
    /**
     * Enqueues a task whose wake-up returned {@link TaskState.Notify#SUBMIT}. Any thread.
     *
     * @param task the task, notified and not queued anywhere else
     */
    void schedule(TaskCell<?> task);

    /**
     * Enqueues a task that was woken while it was being polled (it yielded, or its budget ran
     * out): it goes behind the tasks already waiting, never into a LIFO slot. Runner's thread.
     *
     * @param task the task
     */
    void scheduleYield(TaskCell<?> task);

    /**
     * Called once, by the runner, as the task completes (its outcome is stored; {@code COMPLETE}
     * is set and joiners are woken right after): forget it and report a failure.
     *
     * @param task the completed task
     */
    void release(TaskCell<?> task);
}
