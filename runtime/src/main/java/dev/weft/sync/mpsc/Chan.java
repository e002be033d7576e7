package dev.weft.sync.mpsc;

import dev.weft.future.Waker;
import dev.weft.internal.sync.BatchSemaphore;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The state one mpsc channel's senders and receiver share.
 *
 * <h2>Capacity</h2>
 * Bounded: a {@link BatchSemaphore} with {@code capacity} permits; a send takes one before it
 * enqueues, a receive gives one back after it dequeues. Closing the receiver closes the semaphore,
 * which fails queued and later sends. Unbounded: {@code unboundedState = inFlight << 1 | CLOSED},
 * incremented by a send before it enqueues (failing if CLOSED), decremented by a receive.
 *
 * <h2>Queue</h2>
 * A bound up to {@link #RING_LIMIT} queues values in a {@link Ring} of that many slots, made at
 * construction: a send or receive allocates nothing. A larger bound, and the unbounded channel,
 * use a {@link ConcurrentLinkedQueue} (a node per value, memory only for what is queued).
 *
 * <h2>Invariants</h2>
 * <ol>
 *   <li>A value is enqueued only after its send reserved room (a permit or an in-flight count),
 *       and the reservation is given back only after the value is dequeued; so "receiver closed
 *       and no reservation outstanding" means no value can still arrive, and a ring push always
 *       finds its slot free (invariant 1 of {@link Ring}).</li>
 *   <li>Wake-ups (Dekker): the receiver swaps its waker in ({@code getAndSet}), then re-reads the
 *       queue and the closed flags; a sender enqueues (or a closer sets its flag), then swaps the
 *       waker out ({@code getAndSet}). The two swaps are ordered: if the sender's comes first the
 *       receiver's swap reads what it wrote, so the receiver's re-read sees the value; otherwise
 *       the sender takes the waker and wakes it. A release store for the receiver's swap would
 *       let its re-read pass it (a store-load reordering) and lose the wake-up.</li>
 *   <li>{@code senders} counts open {@link Sender} handles; it reaches 0 once and then
 *       {@code txClosed} is set.</li>
 * </ol>
 *
 * @param <T> the element type
 */
final class Chan<T> {
    private static final long CLOSED = 1;
    private static final VarHandle RX_WAKER;
    private static final VarHandle UNBOUNDED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            RX_WAKER = l.findVarHandle(Chan.class, "rxWaker", Waker.class);
            UNBOUNDED = l.findVarHandle(Chan.class, "unboundedState", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The largest bound queued in a {@link Ring}: 4096 slots, 16 KiB with compressed references. */
    static final int RING_LIMIT = 1 << 12;

    /** null when {@code ring} is used */
    private final ConcurrentLinkedQueue<T> queue;
    /** null for an unbounded channel and a bound above RING_LIMIT */
    private final Ring<T> ring;
    /** null for an unbounded channel */
    final BatchSemaphore capacity;
    final int bound;
    @SuppressWarnings("unused") // through UNBOUNDED
    private volatile long unboundedState;
    final AtomicInteger senders = new AtomicInteger(1);
    volatile boolean txClosed;
    volatile boolean rxClosed;
    @SuppressWarnings("unused") // through RX_WAKER
    private volatile Waker rxWaker;

    /** @param bound the capacity, or 0 for an unbounded channel */
    Chan(int bound) {
        this(bound, bound <= RING_LIMIT);
    }

    /** @param useRing whether a bounded channel queues in a ring (for tests of the linked queue) */
    Chan(int bound, boolean useRing) {
        this.bound = bound;
        this.capacity = bound > 0 ? new BatchSemaphore(bound) : null;
        this.ring = bound > 0 && useRing ? new Ring<>(bound) : null;
        this.queue = ring == null ? new ConcurrentLinkedQueue<>() : null;
    }

    /** Unbounded only: reserve an in-flight slot. @return false if the receiver closed */
    boolean reserveUnbounded() {
        long s = unboundedState;
        while (true) {
            if ((s & CLOSED) != 0) {
                return false;
            }
            long w = (long) UNBOUNDED.compareAndExchange(this, s, s + 2);
            if (w == s) {
                return true;
            }
            s = w;
        }
    }

    /** Enqueues a value whose room is reserved, and wakes the receiver. */
    void push(T v) {
        if (ring != null) {
            ring.push(v);
        } else {
            queue.offer(v);
        }
        wakeRx();
    }

    void wakeRx() {
        Waker w = (Waker) RX_WAKER.getAndSet(this, (Waker) null);
        if (w != null) {
            w.wake();
        }
    }

    /** Receiver only: the swap of invariant 2, to be followed by a re-read of the queue. */
    void registerRx(Waker w) {
        RX_WAKER.getAndSet(this, w);
    }

    /** Receiver only: dequeues a value and gives its room back. @return the value or null */
    T pop() {
        T v = ring != null ? ring.poll() : queue.poll();
        if (v != null) {
            if (capacity != null) {
                capacity.release(1);
            } else {
                UNBOUNDED.getAndAdd(this, -2L);
            }
        }
        return v;
    }

    /** @return true if no value can arrive any more (the queue may still hold some) */
    boolean noMoreSends() {
        if (txClosed) {
            return true;
        }
        if (!rxClosed) {
            return false;
        }
        if (capacity != null) {
            return capacity.availablePermits() == bound;
        }
        return (unboundedState >>> 1) == 0;
    }

    /** Receiver only. @return true if no value is ready to be dequeued */
    boolean isEmpty() {
        return ring != null ? ring.isEmpty() : queue.isEmpty();
    }

    void closeRx() {
        rxClosed = true;
        if (capacity != null) {
            capacity.close();
        } else {
            UNBOUNDED.getAndBitwiseOr(this, CLOSED);
        }
    }

    boolean isRxClosed() {
        return rxClosed;
    }
}
