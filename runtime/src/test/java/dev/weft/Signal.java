package dev.weft;

import dev.weft.future.Awaitable;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.internal.task.Sneaky;
import java.util.concurrent.atomic.AtomicInteger;

/** A hand-written one-shot future for tests: completed (or failed) from any thread. */
final class Signal<T> implements Awaitable<T> {
    private volatile boolean set;
    private volatile T value;
    private volatile Throwable failure;
    private volatile Waker waiter;
    final AtomicInteger polls = new AtomicInteger();
    final AtomicInteger abandoned = new AtomicInteger();

    void complete(T v) {
        value = v;
        set = true;
        Waker w = waiter;
        if (w != null) {
            w.wake();
        }
    }

    void fail(Throwable t) {
        failure = t;
        complete(null);
    }

    @Override
    public Poll<T> poll(Waker waker) {
        polls.incrementAndGet();
        if (!set) {
            waiter = waker;
            if (!set) {
                return Poll.pending();
            }
        }
        if (failure != null) {
            throw Sneaky.<RuntimeException>rethrow(failure);
        }
        return Poll.ready(value);
    }

    @Override
    public void abandon() {
        abandoned.incrementAndGet();
    }
}
