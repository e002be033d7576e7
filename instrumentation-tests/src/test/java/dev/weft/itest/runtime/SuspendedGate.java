package dev.weft.itest.runtime;

import dev.weft.JoinHandle;
import dev.weft.Task;
import dev.weft.WeftRuntime;
import dev.weft.coroutine.abi.BlockingAwait;
import dev.weft.diagnostics.TaskInfo;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Futures that prove an await suspended: each completes only once the runtime's task dump shows
 * the task that created it {@code IDLE} (it returned pending and gave its worker back; for a
 * {@code blockOn} body, which the dump does not list: once it waits on the future without being
 * parked in {@code BlockingAwait}). An await that blocked its worker instead keeps the task
 * {@code RUNNING}, so its future fails after a bound with an {@link AssertionError} naming the
 * task, and the awaiting test fails.
 *
 * <pre>{@code
 * try (SuspendedGate gates = new SuspendedGate(rt)) {
 *     int v = rt.blockOn(() -> await(gates.afterSuspend(20)));   // 20, and suspension proven
 *     assertEquals(1, gates.completed());
 * }
 * }</pre>
 *
 * <p>{@link #awaitSuspended} waits for a task to be suspended the same way. It decides by the
 * runtime's observable state, never by a delay: a slow machine only makes
 * it wait longer. Not for tasks that are never polled to the await (the bound then fails it).
 */
public final class SuspendedGate implements AutoCloseable {
    private static final long BOUND_NANOS = TimeUnit.SECONDS.toNanos(20);

    private final WeftRuntime rt;
    private final ExecutorService completer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "suspended-gate");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger completed = new AtomicInteger();

    /** @param rt the runtime whose tasks will await the gates */
    public SuspendedGate(WeftRuntime rt) {
        this.rt = rt;
    }

    /**
     * Called inside a task, just before awaiting the result.
     *
     * @param value what the future completes with
     * @param <T> its type
     * @return a future that completes once the calling task is suspended
     */
    public <T> CompletableFuture<T> afterSuspend(T value) {
        long id = Task.currentId();
        Thread creator = Thread.currentThread();
        CompletableFuture<T> f = new CompletableFuture<>();
        completer.execute(() -> {
            long deadline = System.nanoTime() + BOUND_NANOS;
            while (!isSuspended(id, creator, f)) {
                if (System.nanoTime() - deadline > 0) {
                    f.completeExceptionally(new AssertionError("task-" + id + " never suspended: "
                            + rt.dumpTasksAsString()));
                    return;
                }
                LockSupport.parkNanos(200_000); // re-check the condition; no decision rests on this pause
            }
            completed.incrementAndGet();
            f.complete(value);
        });
        return f;
    }

    /**
     * A spawned task is suspended when the dump shows it {@code IDLE}. A {@code blockOn} body is
     * not in the dump: it is suspended once its continuation is registered on the future while
     * its thread is not parked in {@link BlockingAwait} (where a pinned await would wait).
     */
    private boolean isSuspended(long id, Thread creator, CompletableFuture<?> f) {
        for (TaskInfo t : rt.dumpTasks()) {
            if (t.id() == id) {
                return t.state().equals("IDLE");
            }
        }
        if (f.getNumberOfDependents() == 0) {
            return false;
        }
        for (StackTraceElement e : creator.getStackTrace()) {
            if (e.getClassName().equals(BlockingAwait.class.getName())) {
                return false;
            }
        }
        return true;
    }

    private boolean isIdle(long id) {
        for (TaskInfo t : rt.dumpTasks()) {
            if (t.id() == id) {
                return t.state().equals("IDLE");
            }
        }
        return false;
    }

    /**
     * Waits until the task is suspended ({@code IDLE}): for a test that must know a task is
     * queued in a lock, a semaphore or a channel before it acts, instead of sleeping and hoping.
     *
     * @param task the task, which must suspend before it finishes
     * @throws AssertionError if it finished without suspending, or did not suspend within the bound
     */
    public void awaitSuspended(JoinHandle<?> task) {
        long deadline = System.nanoTime() + BOUND_NANOS;
        while (!isIdle(task.id())) {
            if (task.isFinished()) {
                throw new AssertionError("task-" + task.id() + " finished without suspending");
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("task-" + task.id() + " never suspended: " + rt.dumpTasksAsString());
            }
            LockSupport.parkNanos(200_000); // re-check the condition; no decision rests on this pause
        }
    }

    /** @return how many gates completed after seeing their task suspended */
    public int completed() {
        return completed.get();
    }

    @Override
    public void close() {
        completer.shutdownNow();
    }
}
