package dev.weft.internal.task;

import dev.weft.future.Awaitable;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import java.util.List;

/**
 * A future that a task cancels by unwinding it rather than by dropping it: a coroutine, whose
 * {@code finally} blocks must run. All a task needs besides {@link Awaitable}: a coop budget
 * before each poll, and one cancellation path.
 *
 * @param <T> the output type
 */
public interface Unwindable<T> extends Awaitable<T> {
    /** @param awaits how many awaits the next poll may pass before one yields though ready */
    void setBudget(int awaits);

    /**
     * The one cancellation path: requests cancellation and, if the future has started and is
     * suspended, polls it once so that its next await throws {@code CancelledException} and its
     * {@code finally} blocks run now. {@link Awaitable#abandon()} delegates here.
     *
     * @param waker the waker for that poll
     * @return ready if the body caught the cancellation and finished anyway; pending otherwise
     *     (it unwound, or had not started and never will)
     * @throws RuntimeException whatever the unwinding poll threw ({@code CancelledException}
     *     when the body did not catch it)
     */
    Poll<T> unwind(Waker waker);

    /**
     * @return the frames the future is suspended in, innermost first, as a task dump shows
     *     them; empty if it is not suspended; any thread (a racy snapshot)
     */
    List<StackTraceElement> suspendedStack();
}
