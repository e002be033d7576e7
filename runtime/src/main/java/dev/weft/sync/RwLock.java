package dev.weft.sync;

import dev.weft.Async;
import dev.weft.Suspendable;
import dev.weft.future.Awaitable;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.internal.sync.BatchSemaphore;

/**
 * An asynchronous reader-writer lock, fair (FIFO) like Tokio's {@code sync::RwLock}: it is a
 * {@link BatchSemaphore} with {@link #MAX_READS} permits; a reader takes one, a writer takes all.
 * Because the semaphore is FIFO, a queued writer blocks readers that arrive after it, so writers
 * are never starved.
 *
 * <pre>{@code
 * RwLock<Config> config = new RwLock<>(initial);
 * try (RwLock.ReadGuard<Config> g = config.read()) { use(g.get()); }
 * try (RwLock.WriteGuard<Config> g = config.write()) { g.set(reloaded); }
 * }</pre>
 *
 * <p>Cancel safety: a task cancelled while waiting in {@code read()} or {@code write()} leaves
 * the queue and gives back any permits already assigned to it.
 *
 * @param <T> the protected value's type
 */
public final class RwLock<T> {
    /** The most readers that may hold the lock at once. */
    public static final int MAX_READS = BatchSemaphore.MAX_PERMITS;

    private final BatchSemaphore sem = new BatchSemaphore(MAX_READS);
    /** Written only under a write guard; the permit hand-over orders the accesses. */
    private volatile T value;

    /** @param value the initial value, may be null */
    public RwLock(T value) {
        this.value = value;
    }

    /**
     * Locks for reading, waiting behind queued writers.
     *
     * @return the read guard
     */
    @Suspendable
    public ReadGuard<T> read() {
        return Async.await(readAwaitable());
    }

    /**
     * Locks for writing, waiting for every reader and earlier writer.
     *
     * @return the write guard
     */
    @Suspendable
    public WriteGuard<T> write() {
        return Async.await(writeAwaitable());
    }

    /** @return the future {@link #read()} awaits */
    public Awaitable<ReadGuard<T>> readAwaitable() {
        return new Locking<>(sem.acquire(1), () -> new ReadGuard<>(this));
    }

    /** @return the future {@link #write()} awaits */
    public Awaitable<WriteGuard<T>> writeAwaitable() {
        return new Locking<>(sem.acquire(MAX_READS), () -> new WriteGuard<>(this));
    }

    /** @return a read guard, or null if a writer holds or waits for the lock */
    public ReadGuard<T> tryRead() {
        return sem.tryAcquire(1) == BatchSemaphore.TryAcquire.ACQUIRED ? new ReadGuard<>(this) : null;
    }

    /** @return a write guard, or null if anyone holds or waits for the lock */
    public WriteGuard<T> tryWrite() {
        return sem.tryAcquire(MAX_READS) == BatchSemaphore.TryAcquire.ACQUIRED ? new WriteGuard<>(this) : null;
    }

    /**
     * Shared access.
     *
     * @param <T> the value type
     */
    public static final class ReadGuard<T> implements AutoCloseable {
        private final RwLock<T> lock;
        private boolean released;

        ReadGuard(RwLock<T> lock) {
            this.lock = lock;
        }

        /** @return the value */
        public T get() {
            if (released) {
                throw new IllegalStateException("the read guard was used after it was closed");
            }
            return lock.value;
        }

        /** Releases the read lock. Idempotent. */
        @Override
        public void close() {
            if (!released) {
                released = true;
                lock.sem.release(1);
            }
        }
    }

    /**
     * Exclusive access.
     *
     * @param <T> the value type
     */
    public static final class WriteGuard<T> implements AutoCloseable {
        private final RwLock<T> lock;
        private boolean released;

        WriteGuard(RwLock<T> lock) {
            this.lock = lock;
        }

        /** @return the value */
        public T get() {
            check();
            return lock.value;
        }

        /** @param v the new value */
        public void set(T v) {
            check();
            lock.value = v;
        }

        private void check() {
            if (released) {
                throw new IllegalStateException("the write guard was used after it was closed");
            }
        }

        /** Releases the write lock. Idempotent. */
        @Override
        public void close() {
            if (!released) {
                released = true;
                lock.sem.release(MAX_READS);
            }
        }
    }

    private static final class Locking<G> implements Awaitable<G> {
        private final BatchSemaphore.Acquire acquire;
        private final java.util.function.Supplier<G> guard;

        Locking(BatchSemaphore.Acquire acquire, java.util.function.Supplier<G> guard) {
            this.acquire = acquire;
            this.guard = guard;
        }

        @Override
        public Poll<G> poll(Waker waker) {
            return acquire.poll(waker).isPending() ? Poll.pending() : Poll.ready(guard.get());
        }

        @Override
        public void abandon() {
            acquire.abandon();
        }
    }
}
