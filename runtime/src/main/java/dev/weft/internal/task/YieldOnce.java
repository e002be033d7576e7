package dev.weft.internal.task;

import dev.weft.future.Awaitable;
import dev.weft.future.Poll;
import dev.weft.future.Waker;

/**
 * A future that is pending exactly once: its first poll wakes its own waker and returns pending,
 * so the task goes to the back of its run queue; the second poll is ready. What
 * {@code Task.yieldNow()} awaits. Polled by one thread at a time.
 */
public final class YieldOnce implements Awaitable<Void> {
    private boolean yielded;

    @Override
    public Poll<Void> poll(Waker waker) {
        if (yielded) {
            return Poll.ready(null);
        }
        yielded = true;
        waker.wake();
        return Poll.pending();
    }
}
