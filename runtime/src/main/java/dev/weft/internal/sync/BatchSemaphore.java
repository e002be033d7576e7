package dev.weft.internal.sync;

import dev.weft.future.Awaitable;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The one fair primitive under {@code Mutex}, {@code RwLock}, {@code Semaphore},
 * {@code OnceCell} and the bounded {@code mpsc} channel: an atomic permit count plus an
 * intrusive FIFO list of waiters, each asking for a batch of permits (Tokio's
 * {@code sync/batch_semaphore.rs}).
 *
 * <h2>State word</h2>
 * {@code state = permits << 1 | CLOSED}. Acquiring from the word is a CAS; adding to it is an
 * atomic add; the {@code CLOSED} bit is set once and never cleared.
 *
 * <h2>Invariants</h2>
 * <ol>
 *   <li>While the waiter list is not empty, the permit count in {@code state} is 0 (observed
 *       under the lock). Releases hand permits to the head waiter first, partially if it needs
 *       more than is released, and put only the rest in the word; an acquirer that queues first
 *       takes whatever the word holds. So the lock-free fast path of {@link #tryAcquire(int)} can
 *       never overtake a queued waiter: FIFO fairness, and a writer of an {@code RwLock} is not
 *       starved by readers.</li>
 *   <li>Permits are never lost: a waiter that is cancelled ({@link Acquire#abandon()}) gives back
 *       the permits assigned to it, whether it was still queued (partially assigned) or already
 *       fully assigned but not yet polled.</li>
 *   <li>After {@link #close()} every queued and future acquire completes with {@code false};
 *       permits keep being counted (releases still add) so {@link #availablePermits()} stays
 *       meaningful.</li>
 *   <li>A release or close that dequeues a waiter writes its {@code phase} last, after the
 *       links, {@code remaining} and {@code waker}: an owner that reads {@code ASSIGNED} or
 *       {@code CLOSED_OUT} (volatile) owns the whole node again, so it may
 *       {@link Acquire#reset() reset} it without the lock.</li>
 * </ol>
 *
 * <h2>Who may call</h2>
 * Every method may be called from any thread. The waiter list, each waiter's links,
 * {@code remaining} and {@code waker} are guarded by {@code lock} while a request is pending; a
 * request not polled yet or finished is its owner's alone (invariant 4). {@code Acquire.phase} is
 * written under the lock and read without it (volatile). Wakers are called after the lock is
 * released ({@link WakeList}).
 */
public final class BatchSemaphore {
    /** The largest number of permits a semaphore may hold: the word keeps one bit for CLOSED. */
    public static final int MAX_PERMITS = Integer.MAX_VALUE >>> 1;

    private static final int CLOSED = 1;
    private static final int PERMIT_SHIFT = 1;

    /** Result of {@link #tryAcquire(int)}. */
    public enum TryAcquire {
        /** The permits were taken. */
        ACQUIRED,
        /** Not enough permits (or waiters are queued ahead). */
        NO_PERMITS,
        /** The semaphore is closed. */
        CLOSED
    }

    private static final VarHandle STATE;
    private static final Poll<Boolean> READY_TRUE = Poll.ready(Boolean.TRUE);
    private static final Poll<Boolean> READY_FALSE = Poll.ready(Boolean.FALSE);

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(BatchSemaphore.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state;
    private final Object lock = new Object();
    /** guarded by lock */
    private final WaiterList<Acquire> waiters = new WaiterList<>();

    /**
     * @param permits initial permits, 0 to {@link #MAX_PERMITS}
     */
    public BatchSemaphore(int permits) {
        checkPermits(permits);
        state = permits << PERMIT_SHIFT;
    }

    private static void checkPermits(int n) {
        if (n < 0 || n > MAX_PERMITS) {
            throw new IllegalArgumentException("permits must be between 0 and " + MAX_PERMITS + ", got " + n);
        }
    }

    /** @return permits currently in the word (not counting those assigned to queued waiters) */
    public int availablePermits() {
        return state >>> PERMIT_SHIFT;
    }

    /** @return true once {@link #close()} was called */
    public boolean isClosed() {
        return (state & CLOSED) != 0;
    }

    /**
     * Takes {@code n} permits now if they are available and no waiter is queued.
     *
     * @param n permits, 1 to {@link #MAX_PERMITS}
     * @return the outcome
     */
    public TryAcquire tryAcquire(int n) {
        checkPermits(n);
        int s = state;
        while (true) {
            if ((s & CLOSED) != 0) {
                return TryAcquire.CLOSED;
            }
            if ((s >>> PERMIT_SHIFT) < n) {
                return TryAcquire.NO_PERMITS;
            }
            int witness = (int) STATE.compareAndExchange(this, s, s - (n << PERMIT_SHIFT));
            if (witness == s) {
                return TryAcquire.ACQUIRED;
            }
            s = witness;
        }
    }

    /**
     * A future that takes {@code n} permits in FIFO order; it completes with {@code true} when
     * they are taken and {@code false} if the semaphore is (or gets) closed. Nothing happens until
     * it is first polled.
     *
     * @param n permits, 1 to {@link #MAX_PERMITS}
     * @return the future
     */
    public Acquire acquire(int n) {
        checkPermits(n);
        if (n == 0) {
            throw new IllegalArgumentException("permits must be positive");
        }
        return new Acquire(this, n);
    }

    /**
     * Gives back {@code n} permits: they go to the queued waiters in order first, the rest to the
     * word.
     *
     * @param n permits, 0 to {@link #MAX_PERMITS}
     * @throws IllegalStateException if the count would exceed {@link #MAX_PERMITS}
     */
    public void release(int n) {
        checkPermits(n);
        if (n == 0) {
            return;
        }
        // the first completed waiter's waker in a local, a list only from the second on: a release
        // that completes at most one waiter (a channel's receive) allocates nothing
        Waker first = null;
        WakeList more = null;
        synchronized (lock) {
            Acquire w;
            while (n > 0 && (w = waiters.peekFirst()) != null) {
                int take = Math.min(n, w.remaining);
                w.remaining -= take;
                n -= take;
                if (w.remaining == 0) {
                    waiters.pollFirst();
                    Waker ww = w.waker;
                    w.waker = null;
                    w.phase = Acquire.ASSIGNED; // last: invariant 4
                    if (first == null) {
                        first = ww;
                    } else {
                        if (more == null) {
                            more = new WakeList();
                        }
                        more.add(ww);
                    }
                }
            }
            if (n > 0) {
                int prev = (int) STATE.getAndAdd(this, n << PERMIT_SHIFT);
                if ((prev >>> PERMIT_SHIFT) + (long) n > MAX_PERMITS) {
                    STATE.getAndAdd(this, -(n << PERMIT_SHIFT));
                    throw new IllegalStateException("releasing " + n + " permits would exceed " + MAX_PERMITS);
                }
            }
        }
        if (first != null) {
            first.wake();
        }
        if (more != null) {
            more.wakeAll();
        }
    }

    /**
     * Closes the semaphore: queued acquires and every later one complete with {@code false};
     * {@link #tryAcquire(int)} answers {@link TryAcquire#CLOSED}. Idempotent.
     */
    public void close() {
        WakeList wake = new WakeList();
        synchronized (lock) {
            STATE.getAndBitwiseOr(this, CLOSED);
            Acquire w;
            while ((w = waiters.pollFirst()) != null) {
                int partial = w.needed - w.remaining;
                if (partial > 0) {
                    STATE.getAndAdd(this, partial << PERMIT_SHIFT);
                }
                wake.add(w.waker);
                w.waker = null;
                w.phase = Acquire.CLOSED_OUT; // last: invariant 4
            }
        }
        wake.wakeAll();
    }

    /** @return the number of queued waiters (for tests and diagnostics) */
    public int queuedWaiters() {
        synchronized (lock) {
            return waiters.size();
        }
    }

    /**
     * One request for a batch of permits: a node of the waiter list and the future that completes
     * when the batch is assigned. Awaited by one coroutine at a time.
     */
    public static final class Acquire extends WaiterList.Node<Acquire> implements Awaitable<Boolean> {
        /** Not polled yet. */
        static final int INIT = 0;
        /** In the waiter list, {@code remaining > 0}. */
        static final int QUEUED = 1;
        /** Dequeued by a release with every permit assigned; the next poll completes. */
        static final int ASSIGNED = 2;
        /** Dequeued by {@link BatchSemaphore#close()}; the next poll completes with false. */
        static final int CLOSED_OUT = 3;
        /** Completed (true or false) or abandoned: owns nothing any more. */
        static final int DONE = 4;

        private final BatchSemaphore sem;
        private final int needed;
        /** guarded by sem.lock; the owner's alone in INIT and DONE (reset) */
        int remaining;
        /** guarded by sem.lock; the owner's alone in INIT and DONE (reset) */
        Waker waker;
        /** written under sem.lock (or by the owner before queueing), read by the owner */
        volatile int phase = INIT;

        Acquire(BatchSemaphore sem, int needed) {
            this.sem = sem;
            this.needed = needed;
            this.remaining = needed;
        }

        @Override
        public Poll<Boolean> poll(Waker w) {
            switch (phase) {
                case INIT:
                    return first(w);
                case ASSIGNED:
                    phase = DONE;
                    return READY_TRUE;
                case CLOSED_OUT:
                    phase = DONE;
                    return READY_FALSE;
                case QUEUED:
                    synchronized (sem.lock) {
                        if (phase == QUEUED) {
                            waker = w;
                            return Poll.pending();
                        }
                    }
                    return poll(w);
                default:
                    throw new IllegalStateException("an acquire was polled after it completed");
            }
        }

        private Poll<Boolean> first(Waker w) {
            switch (sem.tryAcquire(needed)) {
                case ACQUIRED:
                    phase = DONE;
                    return READY_TRUE;
                case CLOSED:
                    phase = DONE;
                    return READY_FALSE;
                default:
                    break;
            }
            synchronized (sem.lock) {
                int s = sem.state;
                while (true) {
                    if ((s & CLOSED) != 0) {
                        phase = DONE;
                        if (remaining != needed) {
                            // give back what this loop took before seeing CLOSED (cannot happen: CLOSED is set under the lock)
                            throw new AssertionError("partial acquire on a closed semaphore");
                        }
                        return READY_FALSE;
                    }
                    int take = Math.min(s >>> PERMIT_SHIFT, remaining);
                    if (take == 0) {
                        break;
                    }
                    int witness = (int) STATE.compareAndExchange(sem, s, s - (take << PERMIT_SHIFT));
                    if (witness == s) {
                        remaining -= take;
                        if (remaining == 0) {
                            phase = DONE;
                            return READY_TRUE;
                        }
                        s = sem.state;
                    } else {
                        s = witness;
                    }
                }
                waker = w;
                phase = QUEUED;
                sem.waiters.addLast(this);
                return Poll.pending();
            }
        }

        /**
         * Cancels this request: unqueues it and gives back any permits assigned to it that its
         * owner has not taken. Idempotent; a no-op after the future completed.
         */
        @Override
        public void abandon() {
            int giveBack = 0;
            synchronized (sem.lock) {
                switch (phase) {
                    case QUEUED:
                        sem.waiters.remove(this);
                        giveBack = needed - remaining;
                        break;
                    case ASSIGNED:
                        giveBack = needed;
                        break;
                    default:
                        break;
                }
                phase = DONE;
                waker = null;
            }
            if (giveBack > 0) {
                sem.release(giveBack);
            }
        }

        /**
         * Makes a finished request new again, so an owner that acquires over and over can reuse
         * one node instead of allocating a request each time: afterwards it behaves as
         * {@link BatchSemaphore#acquire(int)} had just returned it. Called by the owner, without
         * the lock (invariant 4).
         *
         * @throws IllegalStateException if the request is queued, or was assigned or closed out
         *     and its owner has not polled that yet
         */
        public void reset() {
            int p = phase;
            if (p != DONE && p != INIT) {
                throw new IllegalStateException("an acquire was reset while it still waits or owns permits");
            }
            remaining = needed;
            waker = null;
            phase = INIT;
        }

        /** @return the number of permits this request asks for */
        public int permits() {
            return needed;
        }
    }
}
