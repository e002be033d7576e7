package dev.weft.internal.scheduler.multithread;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A worker's bounded run queue: a lock-free ring that its owner pushes to and pops from (FIFO),
 * and that other workers steal half of through a {@link Stealer}. The algorithm is Tokio's
 * {@code runtime/scheduler/multi_thread/queue.rs}; the code is our own.
 *
 * <h2>Fields</h2>
 * <ul>
 *   <li>{@code tail}: the next slot the owner writes. Written only by the owner (release);
 *       read by thieves (acquire).</li>
 *   <li>{@code head}: two 32-bit positions packed in a long, {@code steal} (high) and
 *       {@code real} (low). {@code real} is the next slot to take; {@code steal} is where the
 *       slots still being copied by a thief begin. When no thief is copying they are equal.
 *       Changed only by CAS.</li>
 *   <li>Positions are unbounded ints that wrap; {@code pos & mask} is the slot; differences
 *       are computed with int arithmetic, which is correct across the wrap.</li>
 * </ul>
 *
 * <h2>Invariants</h2>
 * <ol>
 *   <li>{@code steal <= real <= tail} and {@code tail - steal <= capacity} (modular order).</li>
 *   <li>Slots in {@code [real, tail)} hold queued tasks. Slots in {@code [steal, real)} are being
 *       copied out by the one thief that claimed them; the owner never writes them, because it
 *       only writes slot {@code tail} while {@code tail - steal < capacity}.</li>
 *   <li>At most one thief claims at a time: a thief sees {@code steal != real} and gives up.</li>
 * </ol>
 *
 * <h2>Memory ordering</h2>
 * The owner writes a slot (plain) and then publishes it with the release store of {@code tail};
 * a thief reads {@code tail} with acquire before reading slots. A thief's reads of its claimed
 * slots happen before its releasing CAS of {@code head}, which the owner reads with acquire
 * before it can reuse those slots.
 *
 * <h2>Who may call</h2>
 * {@link #push}, {@link #pop} and the destination side of {@link Stealer#stealInto}: the owner
 * thread only. {@link Stealer} methods, {@link #isEmpty()} and {@link #len()}: any thread.
 *
 * @param <T> the element type (a task)
 */
public final class LocalQueue<T> {
    /** Where {@link #push} moves half the queue when it is full (the injection queue). */
    public interface Overflow<T> {
        /**
         * Takes a batch of tasks that no longer fit; any thread (the owner calls it).
         *
         * @param tasks the tasks, oldest first; the array is the callee's from now on
         */
        void pushBatch(Object[] tasks);

        /** @param task one task that did not fit while a thief was copying */
        void push(T task);
    }

    private static final VarHandle HEAD;
    private static final VarHandle TAIL;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            HEAD = l.findVarHandle(LocalQueue.class, "head", long.class);
            TAIL = l.findVarHandle(LocalQueue.class, "tail", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Object[] buffer;
    private final int capacity;
    private final int mask;
    /** Packed (steal, real); see the class doc. Accessed through {@link #HEAD}. */
    private long head;
    /** Written only by the owner; accessed through {@link #TAIL}. */
    private int tail;
    private final Stealer<T> stealer = new Stealer<>(this);

    /**
     * @param capacity a power of two, at least 2 (256 in production; tests use 4 so a model
     *     checker reaches the full and wrap-around cases)
     */
    public LocalQueue(int capacity) {
        if (capacity < 2 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("local queue capacity must be a power of two >= 2, got " + capacity);
        }
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.buffer = new Object[capacity];
    }

    static long pack(int steal, int real) {
        return ((long) steal << 32) | (real & 0xFFFF_FFFFL);
    }

    static int stealPos(long packed) {
        return (int) (packed >>> 32);
    }

    static int realPos(long packed) {
        return (int) packed;
    }

    /** @return the stealing view, to hand to other workers */
    public Stealer<T> stealer() {
        return stealer;
    }

    /** @return the capacity */
    public int capacity() {
        return capacity;
    }

    /** @return how many tasks are queued, including ones being stolen; approximate off the owner */
    public int len() {
        long h = (long) HEAD.getAcquire(this);
        int t = (int) TAIL.getAcquire(this);
        return t - stealPos(h);
    }

    /** @return true if no task is available to take; approximate off the owner thread */
    public boolean isEmpty() {
        long h = (long) HEAD.getAcquire(this);
        int t = (int) TAIL.getAcquire(this);
        return realPos(h) == t;
    }

    /**
     * Appends a task; when the ring is full, moves half of it and the task to {@code overflow}.
     * Owner only.
     *
     * @param task the task
     * @param overflow where tasks go that do not fit
     */
    public void push(T task, Overflow<T> overflow) {
        while (true) {
            long h = (long) HEAD.getAcquire(this);
            int steal = stealPos(h);
            int real = realPos(h);
            // owner-only: the owner is the only writer of tail, so a plain read sees the latest value
            int t = (int) TAIL.get(this);
            if (t - steal < capacity) {
                // owner-only: slot t is outside [steal, tail), no thief reads it before the release below
                buffer[t & mask] = task;
                // release: pairs with the acquire load of tail in pop/len and Stealer.stealInto
                TAIL.setRelease(this, t + 1);
                return;
            }
            if (steal != real) {
                // a thief is copying out and will free room soon; do not wait for it
                overflow.push(task);
                return;
            }
            if (pushOverflow(task, real, t, overflow)) {
                return;
            }
            // a thief claimed slots between our read and our CAS: there is room now, retry
        }
    }

    private boolean pushOverflow(T task, int real, int t, Overflow<T> overflow) {
        int n = capacity / 2;
        assert t - real == capacity : "overflow on a queue that is not full";
        long expected = pack(real, real);
        long claimed = pack(real + n, real + n);
        if (!HEAD.compareAndSet(this, expected, claimed)) {
            return false;
        }
        // the CAS moved head past these n slots: no thief can claim them any more, they are ours
        Object[] batch = new Object[n + 1];
        for (int i = 0; i < n; i++) {
            int idx = (real + i) & mask;
            batch[i] = buffer[idx];
            buffer[idx] = null;
        }
        batch[n] = task;
        overflow.pushBatch(batch);
        return true;
    }

    /**
     * Takes the oldest task. Owner only.
     *
     * @return the task, or null if the queue is empty
     */
    @SuppressWarnings("unchecked")
    public T pop() {
        long h = (long) HEAD.getAcquire(this);
        while (true) {
            int steal = stealPos(h);
            int real = realPos(h);
            // owner-only: see push
            int t = (int) TAIL.get(this);
            if (real == t) {
                return null;
            }
            int nextReal = real + 1;
            // with no thief copying, steal follows real; otherwise leave the thief's claim alone
            long next = steal == real ? pack(nextReal, nextReal) : pack(steal, nextReal);
            long witness = (long) HEAD.compareAndExchange(this, h, next);
            if (witness == h) {
                int idx = real & mask;
                // owner-only: slot real left [real, tail) by our CAS; no thief can claim it now
                T task = (T) buffer[idx];
                buffer[idx] = null;
                return task;
            }
            h = witness;
        }
    }

    /**
     * The view other workers steal through.
     *
     * @param <T> the element type
     */
    public static final class Stealer<T> {
        private final LocalQueue<T> src;

        Stealer(LocalQueue<T> src) {
            this.src = src;
        }

        /** @return true if the queue looks non-empty; any thread */
        public boolean isEmpty() {
            return src.isEmpty();
        }

        /**
         * Moves about half of the tasks of this queue into {@code dst} and returns one of them to
         * run now. Called by the thread that owns {@code dst}.
         *
         * @param dst the caller's own queue
         * @return a stolen task to run, or null if nothing was stolen
         */
        @SuppressWarnings("unchecked")
        public T stealInto(LocalQueue<T> dst) {
            // owner-only (of dst): we are dst's owner, so its tail is ours
            int dstTail = (int) TAIL.get(dst);
            int dstSteal = stealPos((long) HEAD.getAcquire(dst));
            if (dstTail - dstSteal > dst.capacity / 2) {
                // not enough room in dst for half of a full queue; we have work anyway
                return null;
            }
            int n = claimAndCopy(dst, dstTail);
            if (n == 0) {
                return null;
            }
            n -= 1;
            int idx = (dstTail + n) & dst.mask;
            // owner-only (of dst): the slot past dst's published tail is invisible to thieves
            T ret = (T) dst.buffer[idx];
            dst.buffer[idx] = null;
            if (n > 0) {
                // release: publishes the copied slots to thieves of dst
                TAIL.setRelease(dst, dstTail + n);
            }
            return ret;
        }

        /** @return how many tasks were copied to {@code dst} at {@code dstTail}.. (not yet published) */
        private int claimAndCopy(LocalQueue<T> dst, int dstTail) {
            LocalQueue<T> q = src;
            long prev = (long) HEAD.getAcquire(q);
            long next;
            int n;
            while (true) {
                int steal = stealPos(prev);
                int real = realPos(prev);
                // acquire: pairs with the owner's release of tail; the slots below it are visible
                int t = (int) TAIL.getAcquire(q);
                if (steal != real) {
                    // another thief is copying out of this queue
                    return 0;
                }
                n = t - real;
                n -= n / 2;
                if (n == 0) {
                    return 0;
                }
                next = pack(steal, real + n);
                long witness = (long) HEAD.compareAndExchange(q, prev, next);
                if (witness == prev) {
                    break;
                }
                prev = witness;
            }
            int first = realPos(prev);
            for (int i = 0; i < n; i++) {
                int s = (first + i) & q.mask;
                // claimed: slots [first, first+n) are ours until the releasing CAS below
                dst.buffer[(dstTail + i) & dst.mask] = q.buffer[s];
                q.buffer[s] = null;
            }
            // release the claim: steal catches up with real (which the owner may have moved on)
            prev = next;
            while (true) {
                int real = realPos(prev);
                long done = pack(real, real);
                long witness = (long) HEAD.compareAndExchange(q, prev, done);
                if (witness == prev) {
                    return n;
                }
                prev = witness;
            }
        }
    }
}
