package dev.weft.internal.task;

import dev.weft.future.Awaitable;
import dev.weft.future.Poll;
import dev.weft.future.Waker;

/**
 * A future that is pending exactly once: its first poll wakes its own waker and returns pending,
 * so the task goes to the back of its run queue; the second poll is ready. What
 * {@code Task.yieldNow()} awaits. Polled by one thread at a time.
 *
 * <h2>One per task</h2>
 * A task reuses one instance for all its yields ({@link TaskCell#yieldOnce()}), so a yield
 * allocates nothing. {@link #reset()} happens only right before the first poll of a yield, on
 * the thread that holds the task; every later poll of any yield of that task is ready. So if
 * one task has two yields pending at once (two coroutines it polls), each still has its one
 * pending poll, and a re-poll is never pending twice.
 */
public final class YieldOnce implements Awaitable<Void> {
    /** A yield that already happened: ready at every poll (what a resumed yield awaits). */
    public static final Awaitable<Void> DONE = w -> Poll.ready(null);

    private boolean yielded;

    /**
     * Makes the next poll the pending one again.
     *
     * @return this
     */
    public YieldOnce reset() {
        yielded = false;
        return this;
    }

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
