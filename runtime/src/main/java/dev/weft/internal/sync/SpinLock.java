package dev.weft.internal.sync;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * A lock for sections of a few stores that different threads take on hot paths (every spawn,
 * every wake from outside): a CAS takes it and a release store gives it back, one atomic
 * instruction per section where a monitor or a {@code ReentrantLock} costs two. A waiter spins
 * briefly, then yields, then parks for growing pauses (10 µs up to 1 ms), so a holder that was
 * descheduled, or a long section (a walk over a list), is not fought for the CPU. Not reentrant;
 * no fairness. Measured where it replaced monitors: bench/RESULTS.md, "The owned-task lock".
 *
 * <pre>{@code
 * lock.lock();
 * try {
 *     // a few stores
 * } finally {
 *     lock.unlock();
 * }
 * }</pre>
 *
 * <p>Memory ordering: the CAS that takes the lock and the release store that gives it back order
 * consecutive sections, as a monitor does.
 */
public class SpinLock {
    private static final VarHandle LOCKED;
    private static final int SPINS = 64;
    private static final int YIELDS = 16;
    private static final long FIRST_PAUSE_NANOS = 10_000;
    private static final long MAX_PAUSE_NANOS = 1_000_000;

    static {
        try {
            LOCKED = MethodHandles.lookup().findVarHandle(SpinLock.class, "locked", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** 1 while held. */
    private volatile int locked;

    /** Takes the lock, waiting while another thread holds it. */
    public final void lock() {
        if (!LOCKED.compareAndSet(this, 0, 1)) {
            lockContended();
        }
    }

    private void lockContended() {
        long pause = FIRST_PAUSE_NANOS;
        for (int tries = 0; ; tries++) {
            if (locked == 0 && LOCKED.compareAndSet(this, 0, 1)) {
                return;
            }
            if (tries < SPINS) {
                Thread.onSpinWait();
            } else if (tries < SPINS + YIELDS) {
                Thread.yield();
            } else {
                LockSupport.parkNanos(this, pause);
                pause = Math.min(pause * 2, MAX_PAUSE_NANOS);
            }
        }
    }

    /** Gives the lock back; only by the thread that took it. */
    public final void unlock() {
        LOCKED.setRelease(this, 0);
    }
}
