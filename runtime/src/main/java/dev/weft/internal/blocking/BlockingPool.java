package dev.weft.internal.blocking;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The pool that runs blocking work ({@code Task.spawnBlocking}, file helpers) off the worker
 * threads: threads are created on demand up to {@code maxThreads}, and an idle thread retires
 * after {@code keepAlive}. Work queues when every thread is busy and the maximum is reached.
 * Blocking work cannot be interrupted once started (as in Tokio).
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>{@code threads} counts live pool threads; {@code idle} counts those waiting for work.
 *       A submit creates a thread only if no thread is idle and {@code threads < maxThreads}.</li>
 *   <li>Every queued job is run by some thread: a submit that finds an idle thread signals it;
 *       a thread re-checks the queue before it retires, under the lock.</li>
 * </ul>
 *
 * <h2>Shutdown</h2>
 * <ol>
 *   <li>{@link #shutdown()} marks the pool closed: later submits are rejected.</li>
 *   <li>Idle threads are woken and exit; busy threads finish their job, run what is still
 *       queued, then exit.</li>
 *   <li>{@link #awaitTermination(Duration)} waits for the last thread to exit.</li>
 * </ol>
 */
public final class BlockingPool {
    /** Observes pool growth, for events and metrics. */
    public interface Listener {
        /** @param threads the number of threads after a new one started */
        void threadStarted(int threads);

        /** @param threads the number of threads after one retired */
        default void threadRetired(int threads) {
        }
    }

    private final int maxThreads;
    private final long keepAliveNanos;
    private final ThreadFactory factory;
    private final Listener listener;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition workAvailable = lock.newCondition();
    private final Condition terminated = lock.newCondition();
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private int threads;
    private int idle;
    /** Hand-overs signalled to idle threads and not yet consumed. */
    private int notified;
    private boolean shutdown;

    /**
     * @param maxThreads at most this many threads (Tokio's default is 512)
     * @param keepAlive how long an idle thread waits before it retires (default 10 s)
     * @param factory makes the threads
     * @param listener observes growth, or null
     */
    public BlockingPool(int maxThreads, Duration keepAlive, ThreadFactory factory, Listener listener) {
        if (maxThreads < 1) {
            throw new IllegalArgumentException("maxBlockingThreads must be at least 1, got " + maxThreads);
        }
        if (keepAlive.isNegative()) {
            throw new IllegalArgumentException("blocking keep-alive must not be negative, got " + keepAlive);
        }
        this.maxThreads = maxThreads;
        this.keepAliveNanos = keepAlive.toNanos();
        this.factory = factory;
        this.listener = listener;
    }

    /**
     * Runs {@code job} on a pool thread.
     *
     * @param job the blocking work; it must handle its own exceptions
     * @throws RejectedExecutionException after {@link #shutdown()}
     */
    public void execute(Runnable job) {
        boolean spawn = false;
        int count = 0;
        lock.lock();
        try {
            if (shutdown) {
                throw new RejectedExecutionException("the blocking pool is shut down");
            }
            queue.addLast(job);
            if (idle > 0) {
                idle--;
                notified++;
                workAvailable.signal();
            } else if (threads < maxThreads) {
                threads++;
                count = threads;
                spawn = true;
            }
        } finally {
            lock.unlock();
        }
        if (spawn) {
            Thread t = factory.newThread(this::workLoop);
            t.setDaemon(true);
            t.start();
            if (listener != null) {
                listener.threadStarted(count);
            }
        }
    }

    private void workLoop() {
        lock.lock();
        try {
            while (true) {
                Runnable job = queue.pollFirst();
                if (job != null) {
                    lock.unlock();
                    try {
                        job.run();
                    } catch (Throwable t) {
                        Thread.currentThread().getUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), t);
                    } finally {
                        lock.lock();
                    }
                    continue;
                }
                if (shutdown || !awaitWork()) {
                    threads--;
                    if (threads == 0) {
                        terminated.signalAll();
                    }
                    if (listener != null) {
                        listener.threadRetired(threads);
                    }
                    return;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits, as an idle thread, until a submitter hands this thread work or the keep-alive runs
     * out. A submitter that finds an idle thread takes it off {@code idle} and adds one to
     * {@code notified}; whichever idle thread wakes first consumes that notification, so the
     * counts stay exact whichever thread the condition wakes.
     *
     * @return true if work was handed over, false on keep-alive expiry or shutdown
     */
    private boolean awaitWork() {
        idle++;
        long waitNanos = keepAliveNanos;
        while (true) {
            try {
                waitNanos = workAvailable.awaitNanos(waitNanos);
            } catch (InterruptedException e) {
                waitNanos = 0; // an interrupt only shortens the keep-alive
            }
            if (notified > 0) {
                notified--;
                return true;
            }
            if (shutdown || waitNanos <= 0) {
                idle--;
                return false;
            }
        }
    }

    /** @return live pool threads */
    public int threads() {
        lock.lock();
        try {
            return threads;
        } finally {
            lock.unlock();
        }
    }

    /** @return pool threads waiting for work */
    public int idleThreads() {
        lock.lock();
        try {
            return idle;
        } finally {
            lock.unlock();
        }
    }

    /** @return jobs waiting for a thread */
    public int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Rejects new work; threads exit once the queue is empty. */
    public void shutdown() {
        lock.lock();
        try {
            shutdown = true;
            workAvailable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * @param timeout how long to wait
     * @return true if every thread exited in time
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (threads > 0) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = terminated.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

}
