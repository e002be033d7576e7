package dev.weft;

import dev.weft.coroutine.abi.BlockingAwait;
import dev.weft.coroutine.abi.Continuation;
import dev.weft.future.Awaitable;
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
}
