package dev.weft.sync;

import dev.weft.Async;
import dev.weft.Suspendable;
import dev.weft.future.Awaitable;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.internal.sync.BatchSemaphore;

/**
 * An asynchronous counting semaphore, fair (FIFO) like Tokio's {@code sync::Semaphore}: a
 * request for {@code n} permits waits behind every earlier request, so a large request is not
 * starved by small ones.
 *
 * <pre>{@code
 * Semaphore connections = new Semaphore(10);
 * try (Semaphore.Permit p = connections.acquire()) {
 *     serve(socket);                       // at most 10 at once
 * }
 * }</pre>
 *
 * <h2>Semantics</h2>
 * <ul>
 *   <li>{@link #acquire(int)} suspends until the permits are assigned; closing the returned
 *       {@link Permit} gives them back. {@link Permit#forget()} keeps them out for good.</li>
 *   <li>{@link #close()}: every queued and later {@code acquire} throws
 *       {@link SemaphoreClosedException}; permits already held are unaffected.</li>
 *   <li>Cancel safety: a task cancelled while waiting in {@code acquire} leaves the queue and
 *       returns any permits already assigned to it; none is left behind.</li>
 * </ul>
 */
public final class Semaphore {
    /** The largest number of permits a semaphore may hold. */
    public static final int MAX_PERMITS = BatchSemaphore.MAX_PERMITS;

    private final BatchSemaphore sem;

    /** @param permits the initial permits, 0 to {@link #MAX_PERMITS} */
    public Semaphore(int permits) {
        sem = new BatchSemaphore(permits);
    }

    /**
     * Acquires one permit.
     *
     * @return the permit; close it to give it back
     * @throws SemaphoreClosedException if the semaphore is closed
     */
    @Suspendable
    public Permit acquire() {
        return Async.await(acquireAwaitable(1));
    }

    /**
     * Acquires {@code n} permits at once, waiting behind earlier requests.
     *
     * @param n permits, 1 to {@link #MAX_PERMITS}
     * @return the permits; close to give them back
     * @throws SemaphoreClosedException if the semaphore is closed
     */
    @Suspendable
    public Permit acquire(int n) {
        return Async.await(acquireAwaitable(n));
    }

    /**
     * The future {@link #acquire(int)} awaits, for use as a {@code Select} branch.
     *
     * @param n permits
     * @return a future completing with the permits
     */
    public Awaitable<Permit> acquireAwaitable(int n) {
        return new Acquiring(this, sem.acquire(n));
    }

    /**
     * Takes {@code n} permits only if they are available now and no request is queued.
     *
     * @param n permits
     * @return the permits, or null if not available
     * @throws SemaphoreClosedException if the semaphore is closed
     */
    public Permit tryAcquire(int n) {
        switch (sem.tryAcquire(n)) {
            case ACQUIRED:
                return new Permit(this, n);
            case CLOSED:
                throw new SemaphoreClosedException();
            default:
                return null;
        }
    }

    /**
     * Adds {@code n} permits (to the queued requests first).
     *
     * @param n permits
     */
    public void release(int n) {
        sem.release(n);
    }

    /** @return permits available now */
    public int availablePermits() {
        return sem.availablePermits();
    }

    /** Closes the semaphore; see the class doc. Idempotent. */
    public void close() {
        sem.close();
    }

    /** @return true once closed */
    public boolean isClosed() {
        return sem.isClosed();
    }

    /** Permits held by one task; close to give them back. */
    public static final class Permit implements AutoCloseable {
        private final Semaphore owner;
        private int held;

        Permit(Semaphore owner, int held) {
            this.owner = owner;
            this.held = held;
        }

        /** @return how many permits this holds (0 after close or forget) */
        public int permits() {
            return held;
        }

        /** Keeps the permits out of the semaphore for good. */
        public void forget() {
            held = 0;
        }

        /** Gives the permits back. Idempotent. */
        @Override
        public void close() {
            int n = held;
            if (n > 0) {
                held = 0;
                owner.sem.release(n);
            }
        }
    }

    private static final class Acquiring implements Awaitable<Permit> {
        private final Semaphore owner;
        private final BatchSemaphore.Acquire acquire;

        Acquiring(Semaphore owner, BatchSemaphore.Acquire acquire) {
            this.owner = owner;
            this.acquire = acquire;
        }

        @Override
        public Poll<Permit> poll(Waker waker) {
            Poll<Boolean> p = acquire.poll(waker);
            if (p.isPending()) {
                return Poll.pending();
            }
            if (!p.value()) {
                throw new SemaphoreClosedException();
            }
            return Poll.ready(new Permit(owner, acquire.permits()));
        }

        @Override
        public void abandon() {
            acquire.abandon();
        }
    }
}
