package dev.weft.internal.coroutine;

import dev.weft.future.Awaitable;
import dev.weft.future.CancelledException;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.internal.task.Sneaky;
import dev.weft.internal.task.TaskCell;
import dev.weft.internal.time.PausedClock;
import dev.weft.internal.scheduler.RuntimeContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * Adapts a {@link CompletionStage} to an {@link Awaitable}. A completed stage is read without
 * registering anything; a pending one registers a completion callback that wakes the awaiter.
 *
 * <p>Two things beyond waking:
 * <ul>
 *   <li>{@link #abandon()} (the awaiter was aborted, or lost a timeout or select) cancels the
 *       future with {@code cancel(false)}, as kotlinx's {@code CompletionStage.await()} does;
 *       {@code Async.detached} is the opt-out.</li>
 *   <li>On a runtime with a paused clock, a pending poll holds the clock
 *       ({@link PausedClock#hold()}) until the future completes or is abandoned, so the
 *       clock does not jump past work that happens in real time elsewhere.</li>
 * </ul>
 *
 * @param <T> the value type
 */
public final class StageAwaitable<T> implements Awaitable<T> {
    private final CompletableFuture<T> future;
    private Waker registered;
    /** The paused clock this await holds, until {@link #releaseHold()}; null if none. */
    private PausedClock held;

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
            cf = copyOf(stage);
        }
        return new StageAwaitable<>(cf);
    }

    /**
     * @param stage any stage
     * @param <T> the value type
     * @return a new future completed with the stage's outcome; cancelling it leaves the stage alone
     */
    public static <T> CompletableFuture<T> copyOf(CompletionStage<T> stage) {
        CompletableFuture<T> copy = new CompletableFuture<>();
        stage.whenComplete((v, t) -> {
            if (t != null) {
                copy.completeExceptionally(t);
            } else {
                copy.complete(v);
            }
        });
        return copy;
    }

    @Override
    public Poll<T> poll(Waker waker) {
        if (!future.isDone()) {
            // Pending after registering, even if the future completed meanwhile: whenComplete
            // then runs the callback at once, so the wake is not lost, and answering ready
            // here as well would leave that wake with no suspension to end (a driver that
            // re-queues on every wake would poll a finished coroutine).
            if (registered != waker) {
                registered = waker;
                holdPausedClock();
                future.whenComplete((v, t) -> {
                    releaseHold();
                    waker.wake();
                });
            }
            return Poll.pending();
        }
        if (future.isCancelled()) {
            TaskCell<?> t = taskBeingCancelled();
            if (t != null) {
                // Another awaiter of a shared future was abandoned and cancelled it, while this
                // task is being aborted too (or its runtime is closing, which aborts every task):
                // this task ends cancelled, not failed. Aborting it now is what the close would
                // do next, and it makes the runner finish the task as cancelled.
                t.abort();
                throw new CancelledException();
            }
        }
        return Poll.ready(result(future));
    }

    /**
     * @return the task polling now if it is being aborted or its runtime is closing, else null
     */
    private static TaskCell<?> taskBeingCancelled() {
        RuntimeContext c = RuntimeContext.current();
        TaskCell<?> t = c == null ? null : RuntimeContext.currentTask();
        return t != null && (t.state().isCancelled() || c.core().isClosed()) ? t : null;
    }

    /** Cancels the future (it is no use to anyone now) and releases the clock hold. */
    @Override
    public void abandon() {
        future.cancel(false);
        releaseHold();
    }

    private synchronized void holdPausedClock() {
        if (held == null && RuntimeContext.timeDriver().clock() instanceof PausedClock p) {
            p.hold();
            held = p;
        }
    }

    /** Once per hold: the completion callback (any thread) and abandon may both come here. */
    private void releaseHold() {
        PausedClock p;
        synchronized (this) {
            p = held;
            held = null;
        }
        if (p != null) {
            p.release();
        }
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
