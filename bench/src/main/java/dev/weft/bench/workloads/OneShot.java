package dev.weft.bench.workloads;

import dev.weft.future.Awaitable;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * A one-shot signal, the smallest one we could write for each runtime: one reference field.
 * Weft awaits it as an {@link Awaitable}; a virtual thread parks on it with {@link #block()}.
 * {@link #fire()} may be called from any thread, once or more.
 *
 * <p>{@code state} is null (not fired, nobody waiting), a {@link Waker} or a {@link Thread}
 * (someone waiting), or {@link #FIRED}. Every change is a CAS or a getAndSet, so a fire that
 * races with a poll is never lost: whichever comes second sees the other's write.
 */
final class OneShot implements Awaitable<Void> {
    private static final Object FIRED = new Object();
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(OneShot.class, "state", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // accessed through STATE
    private volatile Object state;

    @Override
    public Poll<Void> poll(Waker waker) {
        Object s = state;
        while (s != FIRED) {
            if (STATE.compareAndSet(this, s, waker)) {
                return Poll.pending();
            }
            s = state;
        }
        return Poll.ready(null);
    }

    /** Parks the calling thread until {@link #fire()}: for virtual threads. */
    void block() {
        Thread me = Thread.currentThread();
        Object s = state;
        if (s == FIRED || !STATE.compareAndSet(this, s, me)) {
            return; // only fire() changes the state while one thread blocks: it fired
        }
        while (state != FIRED) {
            LockSupport.park(this);
        }
    }

    /** Fires the signal and wakes whoever waits on it. */
    void fire() {
        Object prev = STATE.getAndSet(this, FIRED);
        if (prev instanceof Waker) {
            ((Waker) prev).wake();
        } else if (prev instanceof Thread) {
            LockSupport.unpark((Thread) prev);
        }
    }
}
