package dev.weft;

import dev.weft.coroutine.abi.BlockingAwait;
import dev.weft.future.CancelledException;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.internal.task.Unwindable;

/**
 * A lazy, resumable computation: an {@link AsyncCallable} that runs only when polled, and that
 * suspends at await points instead of blocking.
 *
 * <p>Like a Rust future, building a coroutine runs nothing. Each {@link #poll(Waker)} runs it
 * until it either finishes ({@link Poll#ready(Object)}) or suspends on a future that is not ready
 * ({@link Poll#pending()}); in the second case the waker is called when it is worth polling again.
 * The runtime's tasks are coroutines polled by worker threads; {@link #blockOn(AsyncCallable)}
 * polls one on the calling thread.
 *
 * <pre>{@code
 * Coroutine<String> c = Coroutine.of(() -> sayHello());   // prints nothing yet
 * Poll<String> p = c.poll(() -> System.out.println("woken"));
 * System.out.println(p);                                  // Pending, or Ready(hello)
 * }</pre>
 *
 * <p>A coroutine is polled by one thread at a time and must not be polled after it completed.
 * If its body throws, the poll that observes it rethrows that exception unchanged.
 *
 * @param <T> the result type
 */
public final class Coroutine<T> implements Unwindable<T> {
    private final CoroutineState<T> state;

    private Coroutine(CoroutineState<T> state) {
        this.state = state;
    }

    /**
     * Builds a coroutine that runs {@code body} when polled; nothing runs now.
     *
     * @param body the computation
     * @param <T> the result type
     * @return a lazy coroutine
     */
    public static <T> Coroutine<T> of(AsyncCallable<T> body) {
        return new Coroutine<>(new CoroutineState<>(body));
    }

    /**
     * Runs {@code body} as a coroutine on the calling thread until it completes, parking the
     * thread while it is suspended.
     *
     * <pre>{@code
     * int n = Coroutine.blockOn(() -> Async.await(CompletableFuture.supplyAsync(() -> 42)));
     * }</pre>
     *
     * @param body the computation
     * @param <T> the result type
     * @return its result
     * @throws Exception whatever the body throws
     */
    public static <T> T blockOn(AsyncCallable<T> body) throws Exception {
        return BlockingAwait.block(new CoroutineState<>(body));
    }

    /**
     * Runs the coroutine until it completes or suspends.
     *
     * @param waker called when a future it suspended on can make progress
     * @return ready with the result, or pending
     * @throws AgentNotAttachedException if the agent is not attached
     * @throws IllegalStateException if the coroutine already completed or is being polled
     */
    @Override
    public Poll<T> poll(Waker waker) {
        return state.poll(waker);
    }

    /**
     * Requests cancellation: the next await inside the coroutine throws
     * {@link CancelledException}, so its {@code finally} blocks run when it is polled next.
     * Safe to call from any thread.
     */
    public void cancel() {
        state.requestCancel();
    }

    /** @return true if cancellation was requested */
    public boolean isCancelRequested() {
        return state.isCancelRequested();
    }

    /**
     * The logical stack of this coroutine while it is suspended: the frames that will be
     * re-entered on resume, innermost first, with the source line each one suspended at.
     *
     * @return the frames, or an empty list if it is running, done or not started
     */
    @Override
    public java.util.List<StackTraceElement> suspendedStack() {
        return state.suspendedStack();
    }

    /** @return true once the coroutine has completed, normally or not */
    public boolean isDone() {
        return state.isDone();
    }

    /**
     * Sets how many awaits this coroutine may pass, from the next poll on, before one yields
     * even though its future is ready (the scheduler's cooperative budget).
     *
     * @param awaits the budget, or {@code Integer.MAX_VALUE} for none
     */
    @Override
    public void setBudget(int awaits) {
        state.setBudget(awaits);
    }

    /**
     * Cancels this coroutine and, if it started and is suspended, polls it once so that its
     * next await throws {@link CancelledException} and its {@code finally} blocks run now.
     *
     * @param waker the waker for that poll
     * @return ready if the body caught the cancellation and finished anyway, else pending
     */
    @Override
    public Poll<T> unwind(Waker waker) {
        return state.unwind(waker);
    }

    /**
     * Called when the coroutine awaiting this one gives up on it (it was cancelled): cancels this
     * one and, if it had started, polls it once more so its {@code finally} blocks run now.
     */
    @Override
    public void abandon() {
        state.abandon();
    }
}
