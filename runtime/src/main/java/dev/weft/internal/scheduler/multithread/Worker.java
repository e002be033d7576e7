package dev.weft.internal.scheduler.multithread;

import dev.weft.internal.scheduler.InjectQueue;
import dev.weft.internal.scheduler.Driver;
import dev.weft.internal.scheduler.Parker;
import dev.weft.internal.scheduler.RuntimeContext;
import dev.weft.internal.scheduler.WorkerLoop;
import dev.weft.internal.jfr.JfrGate;
import dev.weft.internal.jfr.WeftEvents;
import dev.weft.internal.task.TaskCell;
import java.util.function.BooleanSupplier;

/**
 * One worker of a {@link MultiThreadScheduler}: its run loop and the state only its thread
 * touches (local queue owner side, LIFO slot, tick, searching flag).
 *
 * <h2>Run loop</h2>
 * <ol>
 *   <li>Every {@code eventInterval} ticks, take from the injection queue first (fairness: a
 *       busy worker still drains tasks spawned from outside).</li>
 *   <li>Otherwise the local queue, then a batch from the injection queue.</li>
 *   <li>With nothing local: become a searcher (if fewer than half of the workers search) and
 *       steal half of another worker's queue, starting at a random victim.</li>
 *   <li>With nothing anywhere: park. The last searcher to park re-checks every queue first, so
 *       work published while it was giving up is not stranded.</li>
 * </ol>
 * Tasks that timers or I/O wake while a worker turns the driver go to the back of that worker's
 * own queue (Tokio keeps the parked worker's core in its context for the same purpose): no
 * injection-queue lock and no hand-off to another thread per wake-up. A worker that parked in
 * the driver and finds tasks there takes itself off the parked list before it gives the driver
 * back, and wakes another worker only if it has more than one task.
 *
 * After each poll, the task in the LIFO slot (the last task woken from this worker) runs next,
 * at most {@link #MAX_LIFO_POLLS} times in a row, so two tasks that ping-pong cannot starve
 * the queue.
 *
 * <h2>Who may call</h2>
 * Everything here runs on the worker's own thread, except {@link #parker}'s {@code unpark}
 * and the local queue's stealer.
 */
final class Worker implements WorkerLoop {
    /** LIFO polls in a row before the slot's task is moved to the back of the queue (Tokio: 3). */
    static final int MAX_LIFO_POLLS = 3;

    /** How long a worker waits after its run loop failed, so a failing driver cannot spin it. */
    private static final long RUN_LOOP_BACKOFF_NANOS = 1_000_000L;

    final int index;
    final LocalQueue<TaskCell<?>> queue;
    final Parker parker = new Parker(null);
    /** Polls, steals and parks; written by this worker only. */
    final WorkerStats stats = new WorkerStats();
    /** True while this worker turns the driver; read by notifiers to wake the selector. */
    volatile boolean inDriver;
    /** owner-only: tasks the driver woke into the local queue during the current turn. */
    private int wokenInDriver;
    private final MultiThreadScheduler shared;
    /** owner-only: the task woken most recently from this worker; not stealable. */
    private TaskCell<?> lifo;
    /** owner-only */
    private int tick;
    /** owner-only: whether {@link Idle} counts this worker as searching. */
    private boolean searching;
    /** owner-only: xorshift state for picking a victim. */
    private int seed;
    /** owner-only: whether the current park turned the driver, for the park event. */
    private boolean parkedInDriver;
    /** owner-only: scratch for batches taken from the injection queue. */
    private final Object[] batch;
    /** owner-only: this worker's idle check for the driver, reused by every park. */
    private final StillIdle stillIdle = new StillIdle();

    Worker(int index, MultiThreadScheduler shared, int queueCapacity) {
        this.index = index;
        this.shared = shared;
        this.queue = new LocalQueue<>(queueCapacity);
        this.seed = 0x9E3779B9 * (index + 1) | 1;
        this.batch = new Object[Math.max(1, queueCapacity / 2)];
    }

    @Override
    public void run() {
        RuntimeContext ctx = RuntimeContext.current();
        while (!shared.shutdown) {
            try {
                TaskCell<?> t = nextTask();
                if (t == null) {
                    t = stealWork();
                }
                if (t != null) {
                    runTask(ctx, t);
                    continue;
                }
                park();
            } catch (Throwable e) {
                // TaskCell.run never throws: this is a failing driver (selector) or a bug in the
                // scheduler. Keep the worker alive; say so at most once per interval.
                shared.runLoopErrors.log(System.Logger.Level.ERROR, "Weft worker " + index + " caught an exception in its run loop (the"
                        + " time/I/O driver or the scheduler failed); it keeps running", e);
                parker.parkNanos(RUN_LOOP_BACKOFF_NANOS);
            }
        }
    }

    // ===== finding work =====

    private TaskCell<?> nextTask() {
        tick++;
        if (tick % shared.config().eventInterval() == 0) {
            maintenance();
            TaskCell<?> t = shared.inject.pop();
            if (t != null) {
                return t;
            }
        }
        TaskCell<?> t = lifo;
        if (t != null) {
            lifo = null;
            return t;
        }
        t = queue.pop();
        if (t != null) {
            return t;
        }
        return nextRemoteBatch();
    }

    /** Serves due timers and ready sockets while every worker is busy. */
    private void maintenance() {
        Driver driver = shared.driver();
        if (driver.tryAcquire()) {
            inDriver = true;
            wokenInDriver = 0;
            try {
                driver.turnNow();
            } finally {
                inDriver = false;
                driver.release();
            }
            if (wokenInDriver > 0) {
                // this worker is busy: let a parked one steal what the driver woke
                shared.notifyParked();
            }
        }
    }

    /** Takes a fair share of the injection queue: one to run now, the rest into the local queue. */
    private TaskCell<?> nextRemoteBatch() {
        InjectQueue<TaskCell<?>> inject = shared.inject;
        if (inject.isEmpty()) {
            return null;
        }
        int room = queue.capacity() - queue.len();
        int want = Math.min(inject.len() / shared.workers.length + 1, batch.length);
        int n = inject.popBatch(batch, Math.max(1, Math.min(want, room + 1)));
        if (n == 0) {
            return null;
        }
        for (int i = 1; i < n; i++) {
            queue.push((TaskCell<?>) batch[i], shared);
            batch[i] = null;
        }
        TaskCell<?> t = (TaskCell<?>) batch[0];
        batch[0] = null;
        return t;
    }

    private TaskCell<?> stealWork() {
        if (!searching) {
            searching = shared.idle.transitionWorkerToSearching();
            if (!searching) {
                return null;
            }
        }
        Worker[] all = shared.workers;
        int n = all.length;
        int start = nextRandom(n);
        for (int i = 0; i < n; i++) {
            Worker victim = all[(start + i) % n];
            if (victim == this) {
                continue;
            }
            int before = queue.len();
            TaskCell<?> t = victim.queue.stealer().stealInto(queue);
            if (t != null) {
                int stolen = 1 + queue.len() - before;
                stats.addSteals(stolen);
                if (JfrGate.on()) {
                    WeftEvents.stole(index, victim.index, stolen);
                }
                return t;
            }
        }
        return nextRemoteBatch();
    }

    private int nextRandom(int bound) {
        int x = seed;
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        seed = x;
        return (x >>> 1) % bound;
    }

    // ===== running =====

    private void runTask(RuntimeContext ctx, TaskCell<?> t) {
        if (searching) {
            searching = false;
            // the last searcher found work: wake another to keep looking, there may be more
            if (shared.idle.transitionWorkerFromSearching()) {
                shared.notifyParked();
            }
        }
        stats.incPolls();
        ctx.runTask(t);
        int lifoPolls = 0;
        while ((t = lifo) != null) {
            lifo = null;
            if (++lifoPolls > MAX_LIFO_POLLS) {
                // Behind the tasks already queued here (who were announced when they were
                // pushed), for fairness; this worker is awake and runs it in turn, so nobody
                // is woken for it (as in Tokio). A wake here woke a second worker every few
                // hops of a spawn chain, only for it to steal the chain and leave the first
                // worker to park.
                queue.push(t, shared);
                return;
            }
            tick++;
            stats.incPolls();
            ctx.runTask(t);
        }
    }

    @Override
    public boolean scheduleLocal(TaskCell<?> task, boolean isYield) {
        if (inDriver) {
            // Woken by timers or I/O while this worker turns the driver: queue it here, in the
            // order the driver found it, and notify nobody yet. Leaving the driver, this worker
            // runs it, and wakes another one only if it has more than it can start at once.
            queue.push(task, shared);
            wokenInDriver++;
            return true;
        }
        if (isYield) {
            queue.push(task, shared);
        } else {
            TaskCell<?> prev = lifo;
            lifo = task;
            if (prev == null) {
                // only the LIFO slot changed: nothing new to steal, no one to wake
                return true;
            }
            queue.push(prev, shared);
        }
        shared.notifyParked();
        return true;
    }

    // ===== parking =====

    /** Wakes this worker, whether it parks on its parker or in the driver. Any thread. */
    void unpark() {
        parker.unpark();
        if (inDriver) {
            shared.driver().wakeup();
        }
    }

    private void park() {
        if (lifo != null || !queue.isEmpty()) {
            return;
        }
        stats.incParks();
        Object parkEvent = JfrGate.on() ? WeftEvents.parkBegin() : null;
        parkedInDriver = false;
        try {
            parkUntilNotified();
        } finally {
            if (parkEvent != null) {
                WeftEvents.parkEnd(parkEvent, index, parkedInDriver);
            }
        }
    }

    private void parkUntilNotified() {
        boolean wasLastSearcher = shared.idle.transitionWorkerToParked(index, searching);
        searching = false;
        if (wasLastSearcher) {
            shared.notifyIfWorkPending();
        }
        while (!shared.shutdown) {
            Driver driver = shared.driver();
            if (driver.tryAcquire()) {
                // Park in the selector, bounded by the next timer. Tasks that timers or I/O wake
                // from here go to this worker's local queue (scheduleLocal while inDriver).
                inDriver = true;
                parkedInDriver = true;
                wokenInDriver = 0;
                try {
                    if (!parker.tryConsume()) {
                        stillIdle.unparks = shared.idle.unparks();
                        driver.park(stillIdle.everyTaskIdle(), stillIdle);
                    }
                    inDriver = false;
                    if (wokenInDriver > 0) {
                        // Still holding the driver: no other thread can find every worker parked
                        // (and jump a paused clock) while this one has tasks queued.
                        leaveParkedWithWokenTasks();
                        return;
                    }
                } catch (RuntimeException | Error e) {
                    leaveParkedAfterFailure();
                    throw e;
                } finally {
                    inDriver = false;
                    driver.release();
                }
                parker.tryConsume();
            } else {
                if (driver.time().clock().isPaused() && shared.idle.allParked()) {
                    // the driver's holder decided "not every task is idle" before this worker
                    // parked: make it look again, so a paused clock can jump forward
                    driver.wakeup();
                }
                parker.park();
            }
            if (!shared.idle.isParked(index)) {
                // a notifier took us off the sleepers and counted us as searching
                searching = true;
                return;
            }
            // spurious (or shutdown): still listed as parked
        }
        shared.idle.unparkWorkerById(index);
    }

    /**
     * The driver woke tasks into this worker's queue while it parked in it: run them. Either it
     * is still listed as parked (take it off: unparked, not searching: readiness is not a sign
     * that more work is about to arrive) or a notifier already took it off and counted it as
     * searching. More than one task: wake another worker to steal some.
     */
    private void leaveParkedWithWokenTasks() {
        searching = !shared.idle.unparkWorkerById(index);
        if (queue.len() > 1) {
            shared.notifyParked();
        }
    }

    /**
     * The driver threw while this worker parked in it: leave {@link Idle} as a wake-up would,
     * so the run loop can park again without listing this worker twice. Either it is still
     * listed (take it off: unparked, not searching) or a notifier already took it off and
     * counted it as searching.
     */
    private void leaveParkedAfterFailure() {
        if (!shared.idle.unparkWorkerById(index)) {
            searching = true;
        }
    }

    /**
     * Whether no task can run, and none has run since {@link #unparks} was read: every worker is
     * parked and none has been unparked since, nothing is injected and no root runs. The driver
     * asks it again under a paused clock's monitor right before jumping to the next timer.
     */
    private final class StillIdle implements BooleanSupplier {
        /** {@link Idle#unparks()} when this park decided; written by the owner before each park. */
        long unparks;

        boolean everyTaskIdle() {
            return shared.idle.allParked() && shared.inject.isEmpty() && shared.roots.idle();
        }

        @Override
        public boolean getAsBoolean() {
            return shared.idle.unparks() == unparks && everyTaskIdle();
        }
    }
}
