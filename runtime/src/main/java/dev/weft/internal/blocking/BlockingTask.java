package dev.weft.internal.blocking;

import dev.weft.future.Awaitable;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.internal.task.Sneaky;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The future of one piece of blocking work: submitted to the {@link BlockingPool} on its first
 * poll, ready once the work returned or threw. Abandoning it before the work started drops the
 * work; once started it runs to the end (a thread cannot be stopped safely).
 *
 * @param <T> the result type
 */
public final class BlockingTask<T> implements Awaitable<T>, Runnable {
    private static final int NEW = 0;
    private static final int SUBMITTED = 1;
    private static final int RUNNING = 2;
    private static final int DONE = 3;
    private static final int DROPPED = 4;

    private final BlockingPool pool;
    private final Callable<T> work;
    private final AtomicInteger state = new AtomicInteger(NEW);
    private volatile Waker waker;
    private T value;
    private Throwable failure;

    /**
     * @param pool where to run
     * @param work the blocking work
     */
    public BlockingTask(BlockingPool pool, Callable<T> work) {
        this.pool = pool;
        this.work = work;
    }

    @Override
    public Poll<T> poll(Waker w) {
        waker = w;
        if (state.compareAndSet(NEW, SUBMITTED)) {
            pool.execute(this);
        }
        if (state.get() != DONE) {
            return Poll.pending();
        }
        if (failure != null) {
            throw Sneaky.<RuntimeException>rethrow(failure);
        }
        return Poll.ready(value);
    }

    @Override
    public void run() {
        if (!state.compareAndSet(SUBMITTED, RUNNING)) {
            return; // dropped before it started
        }
        try {
            value = work.call();
        } catch (Throwable t) {
            failure = t;
        }
        state.set(DONE);   // publishes value/failure
        Waker w = waker;
        if (w != null) {
            w.wake();
        }
    }

    @Override
    public void abandon() {
        state.compareAndSet(SUBMITTED, DROPPED);
    }
}
