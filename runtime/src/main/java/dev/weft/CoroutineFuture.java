package dev.weft;

import dev.weft.future.CancelledException;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link CompletableFuture} completed by a suspendable computation: how non-Weft code calls a
 * {@code @Suspendable} method.
 *
 * <pre>{@code
 * // on a Weft runtime, as a task:
 * CompletableFuture<User> f = CoroutineFuture.spawn(runtime, () -> repo.loadUser(id));
 * // without a runtime: the coroutine is polled on any executor, one poll at a time
 * CompletableFuture<User> g = CoroutineFuture.start(() -> repo.loadUser(id), ForkJoinPool.commonPool());
 * }</pre>
 *
 * <h2>Semantics</h2>
 * <ul>
 *   <li>The future completes with the body's result, or exceptionally with its exception
 *       (unwrapped); a cancelled body completes it with {@link CancelledException}.</li>
 *   <li>{@link #cancel(boolean)} completes the future at once and cancels the body: its next
 *       await throws {@link CancelledException}, so its {@code finally} blocks run shortly
 *       after (on the runtime or executor, not in the caller of {@code cancel}).</li>
 * </ul>
 *
 * <h2>Invariants ({@link #start})</h2>
 * The coroutine is polled by at most one executor task at a time. {@code state} is IDLE (not
 * scheduled), SCHEDULED (a poll is submitted), RUNNING (being polled), NOTIFIED (woken while
 * running: poll again) or DONE; a wake-up that races with a poll is never lost because the
 * poller leaves RUNNING by CAS and resubmits when it finds NOTIFIED.
 *
 * @param <T> the result type
 */
public final class CoroutineFuture<T> extends CompletableFuture<T> {
    private static final int IDLE = 0;
    private static final int SCHEDULED = 1;
    private static final int RUNNING = 2;
    private static final int NOTIFIED = 3;
    private static final int DONE = 4;

    private final AtomicInteger state = new AtomicInteger(IDLE);
    private volatile CoroutineState<T> coroutine;
    private volatile JoinHandle<?> task;
    private Executor executor;
    private final Waker waker = this::wake;

    private CoroutineFuture() {
    }

    /**
     * Runs {@code body} as a task of {@code runtime} and completes the returned future with its
     * outcome.
     *
     * @param runtime the runtime
     * @param body the computation
     * @param <T> its result type
     * @return the future
     */
    public static <T> CoroutineFuture<T> spawn(WeftRuntime runtime, AsyncCallable<T> body) {
        Objects.requireNonNull(body, "body");
        CoroutineFuture<T> f = new CoroutineFuture<>();
        f.task = runtime.spawn(() -> {
            try {
                f.complete(body.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
            return null;
        });
        if (f.isCancelled()) {
            f.task.abort();
        }
        return f;
    }

    /**
     * Polls {@code body} as a coroutine on {@code executor}, without any runtime: each wake-up
     * submits one poll. Spawning ({@code Task.spawn}) inside needs a runtime; awaiting futures
     * (including {@code CompletionStage}s) and Weft's sync primitives works.
     *
     * @param body the computation
     * @param executor where polls run
     * @param <T> its result type
     * @return the future
     */
    public static <T> CoroutineFuture<T> start(AsyncCallable<T> body, Executor executor) {
        CoroutineFuture<T> f = new CoroutineFuture<>();
        f.executor = Objects.requireNonNull(executor, "executor");
        f.coroutine = new CoroutineState<>(body);
        f.wake();
        return f;
    }

    private void wake() {
        while (true) {
            int s = state.get();
            switch (s) {
                case IDLE:
                    if (state.compareAndSet(IDLE, SCHEDULED)) {
                        executor.execute(this::run);
                        return;
                    }
                    break;
                case RUNNING:
                    if (state.compareAndSet(RUNNING, NOTIFIED)) {
                        return;
                    }
                    break;
                default:
                    return; // SCHEDULED, NOTIFIED: a poll is coming; DONE: nothing to do
            }
        }
    }

    private void run() {
        state.set(RUNNING);
        CoroutineState<T> c = coroutine;
        try {
            Poll<T> p = c.poll(waker);
            if (p.isReady()) {
                state.set(DONE);
                complete(p.value());
                return;
            }
        } catch (Throwable t) {
            state.set(DONE);
            completeExceptionally(t);
            return;
        }
        if (!state.compareAndSet(RUNNING, IDLE)) {
            state.set(SCHEDULED); // NOTIFIED during the poll
            executor.execute(this::run);
        }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled) {
            CoroutineState<T> c = coroutine;
            if (c != null) {
                c.requestCancel();
                wake();
            }
            JoinHandle<?> h = task;
            if (h != null) {
                h.abort();
            }
        }
        return cancelled;
    }
}
