package dev.weft.future;

import java.util.NoSuchElementException;

/**
 * The result of polling an {@link Awaitable}: {@link #pending()} or {@link #ready(Object)}.
 *
 * <pre>{@code
 * Poll<String> p = coroutine.poll(waker);
 * if (p.isReady()) System.out.println(p.value());
 * }</pre>
 *
 * @param <T> the type of the ready value
 */
public final class Poll<T> {
    private static final Poll<?> PENDING = new Poll<>(null, false);
    private static final Poll<?> READY_NULL = new Poll<>(null, true);

    private final T value;
    private final boolean ready;

    private Poll(T value, boolean ready) {
        this.value = value;
        this.ready = ready;
    }

    /**
     * The pending result (one shared instance).
     *
     * @param <T> the value type
     * @return the pending result
     */
    @SuppressWarnings("unchecked")
    public static <T> Poll<T> pending() {
        return (Poll<T>) PENDING;
    }

    /**
     * A ready result holding {@code value}.
     *
     * @param value the value, may be null
     * @param <T> the value type
     * @return a ready result
     */
    @SuppressWarnings("unchecked")
    public static <T> Poll<T> ready(T value) {
        return value == null ? (Poll<T>) READY_NULL : new Poll<>(value, true);
    }

    /** @return true if the future completed */
    public boolean isReady() {
        return ready;
    }

    /** @return true if the future has not completed yet */
    public boolean isPending() {
        return !ready;
    }

    /**
     * The ready value.
     *
     * @return the value
     * @throws NoSuchElementException if this result is pending
     */
    public T value() {
        if (!ready) {
            throw new NoSuchElementException("Poll.pending() has no value");
        }
        return value;
    }

    @Override
    public String toString() {
        return ready ? "Ready(" + value + ")" : "Pending";
    }
}
