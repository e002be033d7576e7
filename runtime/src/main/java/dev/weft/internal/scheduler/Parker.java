package dev.weft.internal.scheduler;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * Parks one thread until another unparks it, remembering an unpark that comes first, so a
 * wake-up is never lost. Spurious returns of {@link LockSupport#park} are absorbed.
 *
 * <h2>States</h2>
 * {@code EMPTY -> PARKED} (the owner, before parking), {@code * -> NOTIFIED} (any thread),
 * {@code NOTIFIED -> EMPTY} (the owner, when it consumes the notification). All changes are
 * volatile CAS or getAndSet, so the owner's re-check after a spurious wake sees every notify.
 *
 * <h2>Who may call</h2>
 * {@link #park} and {@link #parkNanos}: the owner thread only. {@link #unpark()}: any thread.
 */
public final class Parker {
    private static final int EMPTY = 0;
    private static final int PARKED = 1;
    private static final int NOTIFIED = 2;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Parker.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile int state;
    private volatile Thread owner;

    /** @param owner the thread that parks, or null to bind it at the first park */
    public Parker(Thread owner) {
        this.owner = owner;
    }

    /** Parks until {@link #unpark()} is called (or returns at once if it already was). Owner only. */
    public void park() {
        parkNanos(0);
    }

    /**
     * Parks until {@link #unpark()} or until {@code nanos} passed. Owner only.
     *
     * @param nanos the longest wait, or 0 for no limit
     */
    public void parkNanos(long nanos) {
        if (STATE.compareAndSet(this, NOTIFIED, EMPTY)) {
            return;
        }
        owner = Thread.currentThread();
        if (!STATE.compareAndSet(this, EMPTY, PARKED)) {
            // only an unpark can have changed EMPTY: consume it
            state = EMPTY;
            return;
        }
        long deadline = nanos > 0 ? System.nanoTime() + nanos : 0;
        while (true) {
            if (nanos > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    // timed out: leave PARKED unless a notify raced in, then consume it either way
                    STATE.getAndSet(this, EMPTY);
                    return;
                }
                LockSupport.parkNanos(this, left);
            } else {
                LockSupport.park(this);
            }
            if (STATE.compareAndSet(this, NOTIFIED, EMPTY)) {
                return;
            }
            // spurious wake-up or interrupt: still PARKED; clear the interrupt so park blocks again
            Thread.interrupted();
        }
    }

    /**
     * Consumes a pending notification without parking. Owner only.
     *
     * @return true if one was pending
     */
    public boolean tryConsume() {
        return STATE.compareAndSet(this, NOTIFIED, EMPTY);
    }

    /** Wakes the owner, now or at its next park. Any thread. */
    public void unpark() {
        if ((int) STATE.getAndSet(this, NOTIFIED) == PARKED) {
            Thread t = owner;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }
}
