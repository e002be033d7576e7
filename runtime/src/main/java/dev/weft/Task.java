package dev.weft;

import dev.weft.internal.blocking.BlockingTask;
import java.util.Objects;
import java.util.concurrent.Callable;
import dev.weft.coroutine.abi.AbiNames;
import dev.weft.coroutine.abi.Continuation;
import dev.weft.future.Awaitable;
import dev.weft.internal.scheduler.RuntimeContext;
import dev.weft.internal.scheduler.RuntimeCore;
import dev.weft.internal.task.TaskCell;
import dev.weft.internal.task.YieldOnce;

/**
 * Spawning and yielding from inside a runtime.
 *
 * <pre>{@code
 * rt.blockOn(() -> {
 *     JoinHandle<String> h = Task.spawn(() -> fetch());
 *     Task.yieldNow();
 *     return h.join();
 * });
 * }</pre>
 */
public final class Task {
    /** The token a rewritten call of {@link #yieldNow()} arms: its name and descriptor. */
    private static final String YIELD_TOKEN = AbiNames.YIELD_NOW + AbiNames.YIELD_NOW_DESC;

    private Task() {
    }

    /**
     * Spawns {@code body} on the runtime the caller runs in (inside a task or {@code blockOn}).
     *
     * @param body the task's body
     * @param <T> its result type
     * @return the handle
     * @throws IllegalStateException outside a runtime, or if the runtime is closed
     */
    public static <T> JoinHandle<T> spawn(AsyncCallable<T> body) {
        return spawn(new CoroutineState<>(body));
    }

    /**
     * Spawns {@code body} with a name, which task dumps and JFR events show, on the runtime the
     * caller runs in.
     *
     * <pre>{@code
     * JoinHandle<byte[]> h = Task.spawn("fetch " + url, () -> fetch(url));
     * }</pre>
     *
     * @param name the task's name
     * @param body the task's body
     * @param <T> its result type
     * @return the handle
     * @throws IllegalStateException outside a runtime, or if the runtime is closed
     */
    public static <T> JoinHandle<T> spawn(String name, AsyncCallable<T> body) {
        return spawnNamed(currentCore("Task.spawn"), name, body);
    }

    static <T> JoinHandle<T> spawnNamed(RuntimeCore s, String name, AsyncCallable<T> body) {
        Objects.requireNonNull(name, "name");
        TaskCell<T> t = s.newTask(new CoroutineState<>(body));
        t.setName(name);
        s.submitNew(t);
        return new JoinHandle<>(t);
    }

    /**
     * Spawns a hand-written future on the runtime the caller runs in.
     *
     * @param future the future
     * @param <T> its result type
     * @return the handle
     * @throws IllegalStateException outside a runtime, or if the runtime is closed
     */
    public static <T> JoinHandle<T> spawn(Awaitable<T> future) {
        return new JoinHandle<>(currentCore("Task.spawn").spawn(future));
    }

    /**
     * Runs blocking code (file I/O, a JDBC call, a CPU-heavy computation) on the runtime's
     * blocking pool, so it does not hold a worker; the handle's {@code join()} suspends until it
     * returns. Once started, blocking work cannot be aborted.
     *
     * <pre>{@code
     * byte[] data = Task.spawnBlocking(() -> Files.readAllBytes(path)).join();
     * }</pre>
     *
     * @param work the blocking work
     * @param <T> its result type
     * @return the handle; a failure of {@code work} comes back from {@code join()} as
     *     {@link TaskFailedException}
     * @throws IllegalStateException outside a runtime, or if the runtime is closed
     */
    public static <T> JoinHandle<T> spawnBlocking(Callable<T> work) {
        RuntimeCore s = currentCore("Task.spawnBlocking");
        return new JoinHandle<>(s.spawn(new BlockingTask<>(s.blockingPool(), work)));
    }

    /**
     * Gives the worker to other tasks: the calling task goes to the back of the run queue and
     * resumes later. Outside a coroutine it returns at once.
     *
     * <p>Like {@link Async#await}, this is a leaf the agent treats as a suspension point without
     * rewriting it, so a yield saves and restores only the caller's frame. On the resuming
     * call it awaits a future that is already ready: the yield happened.
     */
    public static void yieldNow() {
        Continuation c = Continuation.current();
        if (c == null) {
            return;
        }
        Awaitable<Void> f;
        if (c.resuming) {
            f = YieldOnce.DONE;
        } else {
            TaskCell<?> t = RuntimeContext.currentTask();
            f = t == null ? new YieldOnce() : t.yieldOnce();
        }
        c.awaitLeaf(f, YIELD_TOKEN);
    }

    /** @return the id of the task the caller runs in, or -1 outside a task */
    public static long currentId() {
        TaskCell<?> t = RuntimeContext.currentTask();
        return t == null ? -1 : t.id();
    }

    static RuntimeCore currentCore(String what) {
        RuntimeContext c = RuntimeContext.current();
        if (c == null) {
            throw new IllegalStateException(what + " was called outside a Weft runtime (thread '"
                    + Thread.currentThread().getName() + "'); call it from a task or inside blockOn,"
                    + " or use runtime.spawn(...) from other threads");
        }
        return c.core();
    }
}
