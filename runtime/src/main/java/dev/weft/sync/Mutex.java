package dev.weft.sync;

import dev.weft.Async;
import dev.weft.Suspendable;
import dev.weft.future.Awaitable;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.internal.sync.BatchSemaphore;

/**
 * An asynchronous mutual-exclusion lock protecting a value, fair (FIFO) like Tokio's
 * {@code sync::Mutex}: it is a {@link BatchSemaphore} with one permit.
 *
 * <pre>{@code
 * Mutex<List<String>> names = new Mutex<>(new ArrayList<>());
 * try (Mutex.Guard<List<String>> g = names.lock()) {   // suspends while another task holds it
 *     g.get().add("weft");
 * }
 * }</pre>
 *
 * <h2>Semantics</h2>
 * <ul>
 *   <li>{@link #lock()} suspends the coroutine (blocks a plain thread) until the lock is free
 *       and every earlier locker has had its turn.</li>
 *   <li>Hold the guard across awaits if you like: this is the point of an async mutex. Release it
 *       by closing it (try-with-resources); the guard is not tied to a thread.</li>
 *   <li>Cancel safety: a task cancelled while waiting in {@code lock()} leaves the queue and, if
 *       the lock had already been handed to it, hands it on; no lock is ever left behind.</li>
 * </ul>
 *
 * @param <T> the protected value's type
 */
public final class Mutex<T> {
    private final BatchSemaphore sem = new BatchSemaphore(1);
    /** Read and written only by the holder of the permit (the permit hand-over orders the accesses). */
    private T value;

    /** @param value the initial protected value, may be null */
    public Mutex(T value) {
        this.value = value;
    }

    /**
     * Locks, suspending while the lock is held by someone else.
     *
     * @return the guard; close it to unlock
     * @throws dev.weft.future.CancelledException if the calling task is cancelled while waiting
     */
    @Suspendable
    public Guard<T> lock() {
        return Async.await(lockAwaitable());
    }

    /**
     * The future {@link #lock()} awaits, for use as a {@code Select} branch.
     *
     * @return a future completing with the guard
     */
    public Awaitable<Guard<T>> lockAwaitable() {
        return new Locking<>(this, sem.acquire(1));
    }

    /**
     * Locks only if the lock is free now (and nobody is queued).
     *
     * @return the guard, or null if the lock is held
     */
    public Guard<T> tryLock() {
        return sem.tryAcquire(1) == BatchSemaphore.TryAcquire.ACQUIRED ? new Guard<>(this) : null;
    }

    /** @return true if the lock is held by someone right now (a snapshot) */
    public boolean isLocked() {
        return sem.availablePermits() == 0;
    }

    /**
     * Proof of holding the lock. Not thread-confined, but used by one task at a time.
     *
     * @param <T> the protected value's type
     */
    public static final class Guard<T> implements AutoCloseable {
        private final Mutex<T> mutex;
        private boolean released;

        Guard(Mutex<T> mutex) {
            this.mutex = mutex;
        }

        /** @return the protected value */
        public T get() {
            check();
            return mutex.value;
        }

        /** @param v the new protected value */
        public void set(T v) {
            check();
            mutex.value = v;
        }

        private void check() {
            if (released) {
                throw new IllegalStateException("the mutex guard was used after it was closed");
            }
        }

        /** Unlocks; the next queued locker gets the lock. Idempotent. */
        @Override
        public void close() {
            if (!released) {
                released = true;
                mutex.sem.release(1);
            }
        }
    }

    private static final class Locking<T> implements Awaitable<Guard<T>> {
        private final Mutex<T> mutex;
        private final BatchSemaphore.Acquire acquire;

        Locking(Mutex<T> mutex, BatchSemaphore.Acquire acquire) {
            this.mutex = mutex;
            this.acquire = acquire;
        }

        @Override
        public Poll<Guard<T>> poll(Waker waker) {
            Poll<Boolean> p = acquire.poll(waker);
            if (p.isPending()) {
                return Poll.pending();
            }
            return Poll.ready(new Guard<>(mutex)); // a mutex's semaphore is never closed
        }

        @Override
        public void abandon() {
            acquire.abandon();
        }
    }
}
