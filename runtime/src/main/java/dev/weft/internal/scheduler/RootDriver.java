package dev.weft.internal.scheduler;

import dev.weft.internal.task.TaskCell;
import dev.weft.internal.task.TaskScheduler;

/**
 * Schedules the root task of one {@code blockOn}: a wake sets a flag and unparks the thread that
 * called {@code blockOn}, which polls the root itself.
 *
 * <h2>Invariants</h2>
 * The root is created woken, so its first poll needs no wake. {@code parked} is set by the
 * driving thread before it re-checks {@link #isWoken()} and parks, so a paused clock that reads
 * {@code parked && !isWoken()} knows that thread has nothing to run.
 */
public final class RootDriver implements TaskScheduler {
    /** Parks the thread that drives the root. */
    public final Parker parker = new Parker(Thread.currentThread());
    /** True while the driving thread is parked (or about to park) with no wake pending. */
    volatile boolean parked;
    /** The root is created notified, so the first poll happens without a wake. */
    private volatile boolean woken = true;

    /** @return true if the root was woken since the last call; clears the flag */
    public boolean takeWake() {
        if (!woken) {
            return false;
        }
        woken = false;
        return true;
    }

    /** @return true if woken, without clearing */
    public boolean isWoken() {
        return woken;
    }

    /** Also called on every wake: the current-thread flavour wakes its selector with it. */
    private volatile Runnable alsoWake = () -> { };

    /** @param r called after every wake of the root */
    public void alsoWake(Runnable r) {
        alsoWake = r;
    }

    @Override
    public void schedule(TaskCell<?> task) {
        woken = true;
        parker.unpark();
        alsoWake.run();
    }

    @Override
    public void scheduleYield(TaskCell<?> task) {
        schedule(task);
    }

    @Override
    public void release(TaskCell<?> task) {
        // the root is not registered: nothing to forget
    }
}
