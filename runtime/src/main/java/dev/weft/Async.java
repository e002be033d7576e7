package dev.weft;

import dev.weft.coroutine.abi.BlockingAwait;
import dev.weft.coroutine.abi.Continuation;
import dev.weft.future.Awaitable;
import dev.weft.future.CancelledException;
import dev.weft.internal.coroutine.StageAwaitable;
import java.util.concurrent.CompletionStage;

/**
 * {@code await}: suspend the current coroutine until a future completes.
 *
 * <pre>{@code
 * import static dev.weft.Async.await;
 *
 * @Suspendable
 * String body(HttpClient http, HttpRequest req) {
 *     return await(http.sendAsync(req, BodyHandlers.ofString())).body();
 * }
 * }</pre>
 *
 * <p>Inside a coroutine, an await on a future that is not ready suspends the coroutine: the worker
 * thread is free to run other tasks, and the coroutine resumes (possibly on another thread) once
 * the future's waker fires. Outside any coroutine, {@code await} blocks the calling thread, so
 * suspendable code also runs from tests and {@code main}. A failure of the future is rethrown
 * unchanged (the original exception, never a {@code CompletionException}), checked exceptions
 * included. In a cancelled coroutine every await throws {@link CancelledException}.
 *
 * <h2>Cancellation of awaited stages</h2>
 * Awaiting a {@link CompletionStage} is cancellable, as kotlinx's {@code CompletionStage.await()}:
 * if the awaiting task is aborted, or the await loses a {@link dev.weft.time.Time#timeout} or a
 * {@link Select}, while the stage is still pending, the await throws {@link CancelledException}
 * and the stage's {@code CompletableFuture} is cancelled with {@code cancel(false)} (for
 * {@code HttpClient.sendAsync} that cancels the exchange). Nobody can read its value any more, so
 * letting it run would only waste work. To keep it running, for instance a future shared with
 * other code, await {@link #detached(CompletionStage)} instead:
 *
 * <pre>{@code
 * String v = Time.timeout(Duration.ofSeconds(1), () -> await(Async.detached(shared)));
 * }</pre>
 *
 * <p>On a runtime whose clock is paused (tests), a pending await on a stage holds the clock: it
 * does not jump to the next timer while the stage is outstanding, since the stage completes in
 * real time elsewhere.
 *
 * <p>The agent treats calls to these methods as suspension points; they are not rewritten
 * themselves.
 */
public final class Async {
    private static final String AWAIT_AWAITABLE = "await(Ldev/weft/future/Awaitable;)Ljava/lang/Object;";
    private static final String AWAIT_STAGE = "await(Ljava/util/concurrent/CompletionStage;)Ljava/lang/Object;";

    private Async() {
    }

    /**
     * Awaits one of Weft's own futures (a timer, a channel receive, a join handle, a coroutine, or
     * your own {@link Awaitable}).
     *
     * @param future the future
     * @param <T> the value type
     * @return its value
     */
    public static <T> T await(Awaitable<T> future) {
        Continuation c = Continuation.current();
        if (c == null) {
            return BlockingAwait.block(future);
        }
        return c.awaitLeaf(future, AWAIT_AWAITABLE);
    }

    /**
     * Awaits any {@link CompletionStage}, such as a {@link java.util.concurrent.CompletableFuture}
     * or the result of {@code HttpClient.sendAsync}.
     *
     * If the await is abandoned (abort, timeout, select) while the stage is pending, the stage's
     * future is cancelled with {@code cancel(false)}; see the class doc, and
     * {@link #detached(CompletionStage)} to opt out.
     *
     * @param stage the stage
     * @param <T> the value type
     * @return its value; its failure is rethrown unwrapped
     */
    public static <T> T await(CompletionStage<T> stage) {
        Continuation c = Continuation.current();
        Awaitable<T> f = StageAwaitable.of(stage);
        if (c == null) {
            return BlockingAwait.block(f);
        }
        return c.awaitLeaf(f, AWAIT_STAGE);
    }

    /**
     * A stage that completes with {@code stage} but whose cancellation does not reach it: awaiting
     * the result and abandoning the await leaves {@code stage} running.
     *
     * <pre>{@code
     * CompletableFuture<Config> shared = loadConfigOnce();
     * Config c = Time.timeout(Duration.ofMillis(50), () -> await(Async.detached(shared)));
     * // on timeout, shared is still loading for the others that wait for it
     * }</pre>
     *
     * @param stage the stage to protect
     * @param <T> the value type
     * @return a new stage with the same outcome
     */
    public static <T> CompletionStage<T> detached(CompletionStage<T> stage) {
        return StageAwaitable.copyOf(stage);
    }
}
