package dev.weft;

import dev.weft.internal.scheduler.RuntimeContext;
import dev.weft.internal.task.TaskCell;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A value per task, that follows the task from worker to worker across awaits (a
 * {@link ThreadLocal} would not: a task resumes on whichever worker polls it).
 *
 * <pre>{@code
 * static final TaskLocal<String> REQUEST_ID = TaskLocal.withInitial(() -> "none");
 *
 * Task.spawn(() -> {
 *     REQUEST_ID.set("r-42");
 *     await(somethingSlow);          // may resume on another worker
 *     log(REQUEST_ID.get());         // still "r-42"
 *     return null;
 * });
 * }</pre>
 *
 * <p>Each task starts with the initial value; values are not inherited by tasks it spawns (as in
 * Tokio). The body of {@code blockOn} is a task too. Reading or writing outside a task throws
 * {@link IllegalStateException}.
 *
 * @param <T> the value type
 */
public final class TaskLocal<T> {
    private static final AtomicInteger NEXT_INDEX = new AtomicInteger();
    /** Stands for a value explicitly set to null, as opposed to unset. */
    private static final Object NULL = new Object();

    private final int index = NEXT_INDEX.getAndIncrement();
    private final Supplier<? extends T> initial;

    /** Creates a task-local whose initial value is null. */
    public TaskLocal() {
        this(() -> null);
    }

    private TaskLocal(Supplier<? extends T> initial) {
        this.initial = initial;
    }

    /**
     * @param initial computes a task's first value, at its first {@link #get()}
     * @param <T> the value type
     * @return a task-local
     */
    public static <T> TaskLocal<T> withInitial(Supplier<? extends T> initial) {
        return new TaskLocal<>(Objects.requireNonNull(initial, "initial"));
    }

    /** @return this task's value */
    @SuppressWarnings("unchecked")
    public T get() {
        TaskCell<?> t = task("get");
        Object v = t.localValue(index);
        if (v == null) {
            T init = initial.get();
            t.setLocalValue(index, init == null ? NULL : init);
            return init;
        }
        return v == NULL ? null : (T) v;
    }

    /** @param value this task's new value */
    public void set(T value) {
        task("set").setLocalValue(index, value == null ? NULL : value);
    }

    /** Forgets this task's value: the next {@link #get()} computes the initial value again. */
    public void remove() {
        task("remove").setLocalValue(index, null);
    }

    private static TaskCell<?> task(String op) {
        TaskCell<?> t = RuntimeContext.currentTask();
        if (t == null) {
            throw new IllegalStateException("TaskLocal." + op + "() was called outside a Weft task (thread '"
                    + Thread.currentThread().getName() + "')");
        }
        return t;
    }
}
