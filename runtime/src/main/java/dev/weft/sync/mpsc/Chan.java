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
 * <h2>Invariants</h2>
 * <ol>
 *   <li>A value is enqueued only after its send reserved room (a permit or an in-flight count),
 *       and the reservation is given back only after the value is dequeued; so "receiver closed
 *       and no reservation outstanding" means no value can still arrive.</li>
 *   <li>Wake-ups (Dekker): the receiver stores its waker, then re-reads the queue and the closed
 *       flags; a sender enqueues (or a closer sets its flag), then takes the waker. One of the
 *       two always sees the other.</li>
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

    final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
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

    Chan(int bound) {
        this.bound = bound;
        this.capacity = bound > 0 ? new BatchSemaphore(bound) : null;
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
        queue.offer(v);
        wakeRx();
    }

    void wakeRx() {
        Waker w = (Waker) RX_WAKER.getAndSet(this, (Waker) null);
        if (w != null) {
            w.wake();
        }
    }

    void registerRx(Waker w) {
        rxWaker = w;
    }

    /** Receiver only: dequeues a value and gives its room back. @return the value or null */
    T pop() {
        T v = queue.poll();
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
