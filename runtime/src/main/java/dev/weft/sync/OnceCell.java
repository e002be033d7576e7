package dev.weft.sync;

import dev.weft.Async;
import dev.weft.AsyncCallable;
import dev.weft.Suspendable;
import dev.weft.internal.sync.BatchSemaphore;

/**
 * A value set at most once, with a suspendable initializer run by one task at a time: Tokio's
 * {@code sync::OnceCell}.
 *
 * <pre>{@code
 * OnceCell<Config> config = new OnceCell<>();
 * Config c = config.getOrInit(() -> loadConfig());   // loadConfig may await
 * }</pre>
 *
 * <h2>Semantics</h2>
 * <ul>
 *   <li>Concurrent {@link #getOrInit} callers queue (FIFO) on a one-permit
 *       {@link BatchSemaphore}; the first runs its initializer, the rest get its value.</li>
 *   <li>If the initializer throws or its task is cancelled, the cell stays empty and the next
 *       queued caller runs its own initializer.</li>
 *   <li>Once set, the semaphore is closed, which releases every queued caller with the
 *       value; reads after that are one volatile load.</li>
 * </ul>
 *
 * @param <T> the value type (null is a legal value)
 */
public final class OnceCell<T> {
    private final BatchSemaphore sem = new BatchSemaphore(1);
    private T value;
    /** Written after {@code value}; reading it true publishes {@code value}. */
    private volatile boolean initialized;

    /** Creates an empty cell. */
    public OnceCell() {
    }

    /** @return the value, or null if not initialized */
    public T get() {
        return initialized ? value : null;
    }

    /** @return true once a value is set */
    public boolean isInitialized() {
        return initialized;
    }

    /**
     * Sets the value if the cell is empty and no initializer is running.
     *
     * @param v the value
     * @return true if this call set it
     */
    public boolean set(T v) {
        if (initialized || sem.tryAcquire(1) != BatchSemaphore.TryAcquire.ACQUIRED) {
            return false;
        }
        publish(v);
        return true;
    }

    private void publish(T v) {
        value = v;
        initialized = true;
        sem.close();
    }

    /**
     * Returns the value, running {@code init} to produce it if the cell is empty; see the class doc.
     *
     * @param init the initializer, may suspend
     * @return the value
     * @throws Exception whatever {@code init} throws (the cell stays empty)
     */
    @Suspendable
    public T getOrInit(AsyncCallable<T> init) throws Exception {
        if (initialized) {
            return value;
        }
        boolean acquired = Async.await(sem.acquire(1));
        if (!acquired) {
            return value; // closed: someone initialized the cell
        }
        boolean done = false;
        try {
            if (initialized) {
                return value;
            }
            T v = init.call();
            publish(v);
            done = true;
            return v;
        } finally {
            if (!done) {
                sem.release(1);
            }
        }
    }
}
