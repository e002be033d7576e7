package dev.weft.coroutine.abi;

import dev.weft.future.Awaitable;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import java.util.concurrent.locks.LockSupport;

/**
 * Awaits a future by blocking the calling thread: what {@code await} does outside any coroutine,
 * and inside one whose stack holds a frame that is not rewritten.
 */
public final class BlockingAwait {
    private BlockingAwait() {
    }

    /** Wakes one parked thread; a wake before the park is remembered. */
    private static final class ParkingWaker implements Waker {
        private final Thread thread = Thread.currentThread();
        private volatile boolean woken;

        @Override
        public void wake() {
            woken = true;
            LockSupport.unpark(thread);
        }

        void awaitWake(Object blocker) {
            boolean interrupted = false;
            while (!woken) {
                LockSupport.park(blocker);
                if (Thread.interrupted()) {
                    interrupted = true;
                }
            }
            woken = false;
            if (interrupted) {
                // await is not interruptible (like CompletableFuture.join); keep the status for the caller.
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Polls {@code f} until it is ready, parking the thread in between.
     *
     * @param f the future
     * @param <T> the value type
     * @return its value
     */
    public static <T> T block(Awaitable<T> f) {
        ParkingWaker w = new ParkingWaker();
        while (true) {
            Poll<T> p = f.poll(w);
            if (p.isReady()) {
                return p.value();
            }
            w.awaitWake(f);
        }
    }
}
