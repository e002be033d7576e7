package dev.weft.internal.scheduler.multithread;

import dev.weft.future.Awaitable;
import dev.weft.internal.jfr.JfrGate;
import dev.weft.internal.jfr.WeftEvents;
import dev.weft.internal.log.ThrottledLog;
import dev.weft.internal.scheduler.BlockOnRoots;
import dev.weft.internal.scheduler.Driver;
import dev.weft.internal.scheduler.InjectQueue;
import dev.weft.internal.scheduler.RuntimeConfig;
import dev.weft.internal.scheduler.RuntimeContext;
import dev.weft.internal.scheduler.RuntimeCore;
import dev.weft.internal.scheduler.SchedulerFlavour;
import dev.weft.internal.scheduler.SchedulerStats;
import dev.weft.internal.scheduler.WorkerThread;
import dev.weft.internal.task.TaskCell;
import dev.weft.internal.time.PausedClock;
import java.util.concurrent.TimeUnit;

/**
 * The work-stealing flavour: {@code n} {@link Worker}s, each with a {@link LocalQueue} and a
 * LIFO slot, a shared {@link InjectQueue}, and {@link Idle} to throttle searching and to pick a
 * parked worker to wake. The shape is Tokio's {@code runtime/scheduler/multi_thread}. Its
 * {@code blockOn} drives each root on its caller ({@link BlockOnRoots}) while the workers run
 * everything spawned.
 *
 * <h2>Where a scheduled task goes</h2>
 * <ul>
 *   <li>Woken on one of this runtime's workers: that worker's LIFO slot (the previous occupant
 *       moves to its local queue, and a parked worker is woken to steal it).</li>
 *   <li>Woken during its own poll (a yield, or its budget ran out): the back of the local
 *       queue.</li>
 *   <li>Woken or spawned from any other thread: the injection queue, then a parked worker is
 *       woken.</li>
 * </ul>
 *
 * <h2>Shutdown</h2>
 * In the steps of {@link RuntimeCore}, draining waits for the workers to finish the aborted
 * tasks; then {@code shutdown} is set and every worker is unparked, and each leaves its loop at
 * the next iteration. Threads are daemons, so a worker stuck in a blocking task does not keep the
 * JVM alive.
 */
public final class MultiThreadScheduler implements SchedulerFlavour, LocalQueue.Overflow<TaskCell<?>> {
    private final RuntimeCore core;
    /** The core's configuration and driver, read by the workers on every tick and park. */
    private final RuntimeConfig config;
    private final Driver driver;
    /** The driver's clock if it is paused (tests), else null: outside hand-offs then hold it. */
    private final PausedClock pausedClock;
    final Worker[] workers;
    final InjectQueue<TaskCell<?>> inject = new InjectQueue<>();
    final Idle idle;
    /** The {@code blockOn} calls in progress; a paused clock jumps only while they are idle too. */
    final BlockOnRoots roots;
    private final WorkerThread[] threads;
    volatile boolean shutdown;
    /** Failures of a worker's run loop (a failing driver): one ERROR line per 10 s at most. */
    final ThrottledLog runLoopErrors = new ThrottledLog(RuntimeCore.LOG, TimeUnit.SECONDS.toNanos(10));

    /**
     * Builds the workers and their threads without starting them (the core does, once it is
     * complete).
     *
     * @param core the runtime this flavour schedules for
     */
    public MultiThreadScheduler(RuntimeCore core) {
        this.core = core;
        this.config = core.config();
        this.driver = core.driver();
        this.pausedClock = driver.time().clock() instanceof PausedClock p ? p : null;
        int n = config.workerThreads();
        this.idle = new Idle(n);
        this.roots = new BlockOnRoots(core);
        this.workers = new Worker[n];
        this.threads = new WorkerThread[n];
        for (int i = 0; i < n; i++) {
            workers[i] = new Worker(i, this, config.localQueueCapacity());
        }
        for (int i = 0; i < n; i++) {
            threads[i] = new WorkerThread(core, workers[i], config.threadNamePrefix() + i, config.workerStackSize());
        }
    }

    @Override
    public void startWorkers() {
        for (WorkerThread t : threads) {
            t.start();
        }
    }

    /** @return the configuration */
    RuntimeConfig config() {
        return config;
    }

    /** @return the time and I/O driver */
    Driver driver() {
        return driver;
    }

    @Override
    public void schedule(TaskCell<?> task) {
        schedule(task, false);
    }

    @Override
    public void scheduleYield(TaskCell<?> task) {
        schedule(task, true);
    }

    /** Into the calling worker's own queue if it is one of this runtime's; else injected. */
    private void schedule(TaskCell<?> task, boolean isYield) {
        RuntimeContext c = RuntimeContext.onWorkerThread();
        if (c != null && c.core() == core && c.worker().scheduleLocal(task, isYield)) {
            return;
        }
        PausedClock paused = pausedClock;
        if (paused == null) {
            inject.push(task);
        } else {
            // From outside a worker: a jump being decided either sees the task or happens first.
            paused.hold();
            try {
                inject.push(task);
            } finally {
                paused.release();
            }
        }
        notifyParked();
    }

    // ===== LocalQueue.Overflow: a full local queue spills into the injection queue =====

    @Override
    public void pushBatch(Object[] tasks) {
        inject.pushBatch(tasks);
    }

    @Override
    public void push(TaskCell<?> task) {
        inject.push(task);
    }

    // ===== waking workers =====

    /** Wakes a parked worker if nobody is searching. Any thread, after publishing work. */
    void notifyParked() {
        int i = idle.workerToNotify();
        if (i >= 0) {
            workers[i].unpark();
            if (JfrGate.on()) {
                WeftEvents.unparked(i);
            }
        }
    }

    /** Called by the last searcher before it parks: wake someone if any queue has work. */
    void notifyIfWorkPending() {
        for (Worker w : workers) {
            if (!w.queue.isEmpty()) {
                notifyParked();
                return;
            }
        }
        if (!inject.isEmpty()) {
            notifyParked();
        }
    }

    @Override
    public <T> T blockOn(Awaitable<T> future) throws Exception {
        return roots.blockOn(future);
    }

    @Override
    public SchedulerStats stats() {
        long local = 0;
        long polls = 0;
        long steals = 0;
        long parks = 0;
        for (Worker w : workers) {
            local += w.queue.len();
            polls += w.stats.polls();
            steals += w.stats.steals();
            parks += w.stats.parks();
        }
        return new SchedulerStats(workers.length, inject.len(), local, polls, steals, parks);
    }

    @Override
    public boolean drain(long deadline) {
        return core.awaitDrained(deadline);
    }

    @Override
    public void stopWorkers(long deadline) {
        shutdown = true;
        for (Worker w : workers) {
            w.unpark();
        }
        for (WorkerThread t : threads) {
            long left = deadline - System.nanoTime();
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
