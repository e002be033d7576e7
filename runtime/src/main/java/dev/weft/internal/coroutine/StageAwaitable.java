package dev.weft.internal.coroutine;

import dev.weft.future.Awaitable;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * Adapts a {@link CompletionStage} to an {@link Awaitable}. A completed stage is read without
 * registering anything; a pending one registers a completion callback that wakes the awaiter.
 *
 * @param <T> the value type
 */
public final class StageAwaitable<T> implements Awaitable<T> {
    private final CompletableFuture<T> future;
    private Waker registered;

    private StageAwaitable(CompletableFuture<T> future) {
        this.future = future;
    }

    /**
     * @param stage the stage to adapt
     * @param <T> the value type
     * @return an awaitable that completes with the stage
     */
    public static <T> StageAwaitable<T> of(CompletionStage<T> stage) {
        CompletableFuture<T> cf;
        try {
            cf = stage.toCompletableFuture();
        } catch (UnsupportedOperationException e) {
            CompletableFuture<T> copy = new CompletableFuture<>();
            stage.whenComplete((v, t) -> {
                if (t != null) {
                    copy.completeExceptionally(t);
                } else {
                    copy.complete(v);
                }
            });
            cf = copy;
        }
        return new StageAwaitable<>(cf);
    }

    @Override
    public Poll<T> poll(Waker waker) {
        if (!future.isDone()) {
            if (registered != waker) {
                registered = waker;
                future.whenComplete((v, t) -> waker.wake());
            }
            if (!future.isDone()) {
                return Poll.pending();
            }
        }
        return Poll.ready(result(future));
    }

    /**
     * The value of a completed future, with its failure unwrapped to the original exception.
     *
     * @param done a completed future
     * @param <T> the value type
     * @return the value
     */
    static <T> T result(CompletableFuture<T> done) {
        try {
            return done.get();
        } catch (ExecutionException e) {
            throw Sneaky.<RuntimeException>rethrow(unwrap(e.getCause()));
        } catch (InterruptedException e) {
            // unreachable: the future is done, get() does not wait
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
