package dev.weft.internal.scheduler;

import dev.weft.internal.task.TaskCell;

/**
 * What a runtime's worker thread runs, as its {@link RuntimeContext} knows it: the loop, and the
 * worker's own run queue for tasks woken on that thread. The context holds it typed, so a
 * flavour finds the calling thread's worker without a cast.
 */
public interface WorkerLoop extends Runnable {
    /**
     * Takes a task woken on this worker's own thread into its local queue, including a task that
     * timers or I/O wake while the worker turns the driver. Owner thread only.
     *
     * @param task the task
     * @param isYield true if it yielded (to the back of the queue, never to a LIFO slot)
     * @return false if the worker did not take it
     */
    boolean scheduleLocal(TaskCell<?> task, boolean isYield);
}
