package dev.weft;

import dev.weft.future.Awaitable;
import dev.weft.future.CancelledException;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.internal.scheduler.RuntimeCore;
import dev.weft.internal.task.TaskCell;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A group of tasks whose results are taken in the order they finish (Tokio's {@code JoinSet}).
 * Closing the set aborts every task still in it.
 *
 * <pre>{@code
 * try (JoinSet<Integer> set = new JoinSet<>()) {
 *     for (int i = 0; i < 10; i++) {
 *         int n = i;
 *         set.spawn(() -> work(n));
 *     }
 *     while (!set.isEmpty()) {
 *         total += set.joinNext();      // the next task to finish
 *     }
 * }
 * }</pre>
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>A task is in {@code live} from before it is first scheduled until {@link #joinNext()}
 *       returns it, so {@link #size()} counts finished tasks not yet joined.</li>
 *   <li>A finished task is appended to {@code done} and then the registered waiter is read; the
 *       waiter is published and then {@code done} is re-checked (volatile on both sides), so a
 *       {@code joinNext} that is waiting is always woken.</li>
 * </ul>
 * One thread or task consumes the set at a time; {@code spawn} and {@code abortAll} may be called
 * from any thread.
 *
 * @param <T> the tasks' result type
 */
public final class JoinSet<T> implements AutoCloseable {
    private final Set<TaskCell<T>> live = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<TaskCell<T>> done = new ConcurrentLinkedQueue<>();
    private volatile Waker waiter;
    private final TaskCell.CompletionListener onDone = this::finished;
    private final Awaitable<T> next = this::pollNext;

    /** Creates an empty set. */
    public JoinSet() {
    }

    /**
     * Spawns {@code body} on the current runtime and adds it to the set.
     *
     * @param body the task's body
     * @return the task's handle (awaiting it directly is allowed but bypasses the set)
     * @throws IllegalStateException outside a runtime
     */
    public JoinHandle<T> spawn(AsyncCallable<T> body) {
        return add(Task.currentCore("JoinSet.spawn"), new CoroutineState<>(body));
    }

    /**
     * Spawns a hand-written future on the current runtime and adds it to the set.
     *
     * @param future the future
     * @return the task's handle
     */
    public JoinHandle<T> spawn(Awaitable<T> future) {
        return add(Task.currentCore("JoinSet.spawn"), future);
    }

    /**
     * Spawns {@code body} on {@code runtime} (from any thread) and adds it to the set.
     *
     * @param runtime the runtime
     * @param body the task's body
     * @return the task's handle
     */
    public JoinHandle<T> spawnOn(WeftRuntime runtime, AsyncCallable<T> body) {
        return add(runtime.core(), new CoroutineState<>(body));
    }

    /**
     * Spawns a hand-written future on {@code runtime} (from any thread) and adds it to the set.
     *
     * @param runtime the runtime
     * @param future the future
     * @return the task's handle
     */
    public JoinHandle<T> spawnOn(WeftRuntime runtime, Awaitable<T> future) {
        return add(runtime.core(), future);
    }

    private JoinHandle<T> add(RuntimeCore s, Awaitable<T> future) {
        TaskCell<T> t = s.newTask(future);
        t.setCompletionListener(onDone);
        live.add(t);
        s.submitNew(t);
        return new JoinHandle<>(t);
    }

    @SuppressWarnings("unchecked")
    private void finished(TaskCell<?> t) {
        done.add((TaskCell<T>) t);
        Waker w = waiter;
        if (w != null) {
            w.wake();
        }
    }

    /**
     * Waits for the next task of the set to finish, removes it and returns its result.
     *
     * @return the result of the task that finished first among those not joined yet
     * @throws NoSuchElementException if the set is empty
     * @throws TaskFailedException if that task threw (it is removed all the same)
     * @throws CancelledException if that task was aborted
     */
    @Suspendable
    public T joinNext() {
        if (live.isEmpty()) {
            throw new NoSuchElementException("joinNext() on an empty JoinSet");
        }
        return Async.await(next);
    }

    private Poll<T> pollNext(Waker w) {
        TaskCell<T> t = done.poll();
        if (t == null) {
            waiter = w;
            t = done.poll();
            if (t == null) {
                return Poll.pending();
            }
        }
        waiter = null;
        live.remove(t);
        return Poll.ready(JoinHandle.output(t));
    }

    /** @return how many tasks are in the set (running, or finished and not joined) */
    public int size() {
        return live.size();
    }

    /** @return true if no task is in the set */
    public boolean isEmpty() {
        return live.isEmpty();
    }

    /** Aborts every task in the set; they stay in it until joined (as cancelled). Any thread. */
    public void abortAll() {
        for (TaskCell<T> t : live) {
            t.abort();
        }
    }

    /** Aborts every task still in the set (like dropping a Tokio {@code JoinSet}). */
    @Override
    public void close() {
        abortAll();
    }
}
