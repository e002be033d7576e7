package dev.weft.time;

import dev.weft.CancelledException;
import dev.weft.Coroutine;
import dev.weft.future.Awaitable;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.internal.time.SleepEntry;
import java.time.Duration;

/**
 * The leaf future of {@link Time#timeout}: polls the work first, then the deadline; when the
 * deadline wins, the work is cancelled and polled once more so its {@code finally} blocks run.
 */
final class TimeoutFuture<T> implements Awaitable<T> {
    private final Coroutine<T> work;
    private final SleepEntry deadline;
    private final Duration limit;

    TimeoutFuture(Coroutine<T> work, SleepEntry deadline, Duration limit) {
        this.work = work;
        this.deadline = deadline;
        this.limit = limit;
    }

    @Override
    public Poll<T> poll(Waker waker) {
        Poll<T> p;
        try {
            p = work.poll(waker);
        } catch (RuntimeException | Error e) {
            deadline.abandon();
            throw e;
        }
        if (p.isReady()) {
            deadline.abandon();
            return p;
        }
        if (deadline.poll(waker).isPending()) {
            return Poll.pending();
        }
        cancelWork();
        throw new Elapsed(limit);
    }

    private void cancelWork() {
        work.cancel();
        if (!work.isDone()) {
            try {
                work.poll(Waker.NOOP);
            } catch (CancelledException expected) {
                // the work unwound through its finally blocks
            } catch (RuntimeException | Error other) {
                // a finally block failed while unwinding; the timeout still wins
            }
        }
    }

    @Override
    public void abandon() {
        deadline.abandon();
        cancelWork();
    }
}
