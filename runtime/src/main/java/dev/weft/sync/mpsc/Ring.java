package dev.weft.sync.mpsc;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The value queue of a bounded channel: an array of slots used in turn, written by any number of
 * senders and read by the one receiver. Nothing is allocated after construction.
 *
 * <h2>Invariants</h2>
 * <ol>
 *   <li>Room is reserved outside: a caller of {@link #push} holds one of at most
 *       {@code capacity} reservations, and gives it back only after {@link #poll} returned its
 *       value. So at most {@code capacity} values are claimed and not yet taken, and the slot a
 *       push claims was emptied by the receiver before the claim (the receiver takes slots in
 *       claim order).</li>
 *   <li>A push claims a position with one atomic add on {@code tail}, so no two pushes share a
 *       slot; it then waits (acquire) until it sees the slot empty, which orders the receiver's
 *       clearing store before its own (by invariant 1 the slot already is empty, so the wait does
 *       not loop), and publishes the value with a release store.</li>
 *   <li>A slot is non-null exactly while it holds a published, untaken value. The receiver reads
 *       the slot at {@code head} with an acquire load: null means empty or claimed and not yet
 *       written, and it never sees a half-built value. A value claimed later but written earlier
 *       waits behind the one claimed before it, so values leave in claim order.</li>
 * </ol>
 *
 * <h2>Who may call</h2>
 * {@link #push}: any thread, holding a reservation. {@link #poll} and {@link #isEmpty}: the
 * receiver only ({@code head} is its plain field).
 *
 * @param <T> the element type
 */
final class Ring<T> {
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);
    private static final VarHandle TAIL;

    static {
        try {
            TAIL = MethodHandles.lookup().findVarHandle(Ring.class, "tail", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Object[] slots;
    private final int mask;
    /** the next position a push claims; through TAIL, atomic add only */
    @SuppressWarnings("unused")
    private volatile long tail;
    /** receiver only: the next position to read */
    private long head;

    /** @param capacity the most values pushed and not yet polled, 1 to 2^30 */
    Ring(int capacity) {
        if (capacity < 1 || capacity > 1 << 30) {
            throw new IllegalArgumentException("ring capacity must be between 1 and 2^30, got " + capacity);
        }
        int size = Integer.highestOneBit(capacity);
        if (size < capacity) {
            size <<= 1;
        }
        slots = new Object[size];
        mask = size - 1;
    }

    /** Appends {@code v}, not null; the caller holds a reservation (invariant 1). */
    void push(T v) {
        int i = (int) ((long) TAIL.getAndAdd(this, 1L)) & mask;
        // acquire: pairs with the receiver's release of null in poll (invariant 2)
        while (SLOT.getAcquire(slots, i) != null) {
            Thread.onSpinWait();
        }
        // release: pairs with the acquire load in poll, so the value is seen whole
        SLOT.setRelease(slots, i, v);
    }

    /** Receiver only. @return the oldest value, or null if none is published at the head */
    @SuppressWarnings("unchecked")
    T poll() {
        int i = (int) head & mask;
        T v = (T) SLOT.getAcquire(slots, i);
        if (v == null) {
            return null;
        }
        // release: pairs with the acquire wait of the push that claims this slot next
        SLOT.setRelease(slots, i, null);
        head++;
        return v;
    }

    /** Receiver only. @return true if no value is published at the head */
    boolean isEmpty() {
        return SLOT.getAcquire(slots, (int) head & mask) == null;
    }
}
