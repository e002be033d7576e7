package dev.weft;

import dev.weft.future.CancelledException;
import java.util.concurrent.CompletableFuture;
import dev.weft.future.Awaitable;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.internal.task.TaskCell;

/**
 * The handle of a spawned task: await it for the task's result, or abort the task.
 *
 * <pre>{@code
 * JoinHandle<Integer> h = Task.spawn(() -> compute());
 * int v = h.join();          // suspends inside a coroutine, blocks on a plain thread
 * }</pre>
 *
 * <ul>
 *   <li>If the task threw, {@link #join()} throws {@link TaskFailedException} with the task's
 *       exception as its cause.</li>
 *   <li>If the task was aborted (by {@link #abort()}, a {@link JoinSet} or runtime shutdown),
 *       {@link #join()} throws {@link CancelledException}.</li>
 *   <li>Dropping the handle does not cancel the task (it runs detached), as in Tokio.</li>
 *   <li>Any number of awaiters: several coroutines (and plain threads) may await the same
 *       handle at once, and every one of them is woken when the task completes. {@link #join()}
 *       after completion may be called any number of times and returns the same outcome.</li>
 * </ul>
 *
 * @param <T> the task's result type
 */
public final class JoinHandle<T> implements Awaitable<T> {
    private final TaskCell<T> task;

    JoinHandle(TaskCell<T> task) {
        this.task = task;
    }

    /**
     * Waits for the task and returns its result.
     *
     * @return the task's result
     * @throws TaskFailedException if the task threw (its exception is the cause)
     * @throws CancelledException if the task was aborted
     */
    @Suspendable
    public T join() {
        return Async.await(this);
    }

    /**
     * Polls the task's completion (what {@link #join()} awaits).
     *
     * @param waker woken when the task completes
     * @return ready with the result, or pending
     * @throws TaskFailedException if the task threw
     * @throws CancelledException if the task was aborted
     */
    @Override
    public Poll<T> poll(Waker waker) {
        if (!task.registerJoinWaker(waker)) {
            return Poll.pending();
        }
        return Poll.ready(output(task));
    }

    /**
     * @param t a completed task
     * @param <T> its type
     * @return its value
     */
    static <T> T output(TaskCell<T> t) {
        if (t.succeeded()) {
            return t.value();
        }
        if (t.wasCancelled()) {
            throw new CancelledException("task " + t.id() + " was aborted");
        }
        throw new TaskFailedException(t.id(), t.failure());
    }

    /**
     * Requests cancellation: the task's next await throws {@link CancelledException}, so its
     * {@code finally} blocks run, and it completes as cancelled (unless it completes first).
     * A task that has not started yet never runs. Any thread; idempotent.
     */
    public void abort() {
        task.abort();
    }

    /**
     * A {@link CompletableFuture} that completes with the task, for code outside Weft. It
     * completes with the value, or exceptionally with {@link TaskFailedException} (the task's
     * exception as cause) or {@link CancelledException}; cancelling it aborts the task.
     *
     * <pre>{@code
     * CompletableFuture<String> f = rt.spawn(() -> fetch()).toCompletableFuture();
     * f.thenAccept(System.out::println);
     * }</pre>
     *
     * @return a future that mirrors the task
     */
    public CompletableFuture<T> toCompletableFuture() {
        CompletableFuture<T> f = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                abort();
                return super.cancel(mayInterruptIfRunning);
            }
        };
        task.addCompletionListener(t -> {
            try {
                f.complete(output(task));
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    /** @return true once the task completed: normally, by throwing, or cancelled */
    public boolean isFinished() {
        return task.state().isComplete();
    }

    /** @return the task's id, unique in this JVM */
    public long id() {
        return task.id();
    }

    @Override
    public String toString() {
        return "JoinHandle[" + task + "]";
    }
}
