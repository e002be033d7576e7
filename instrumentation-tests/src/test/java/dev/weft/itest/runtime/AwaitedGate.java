package dev.weft.itest.runtime;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Futures pending by construction: each completes only once something waits on it (a suspended
 * coroutine's callback, or a thread blocked in {@code join} by a pinned await), so an await of it
 * can never find it already complete, however the machine is loaded. After a bound with nobody
 * waiting it fails with an {@link AssertionError}.
 *
 * <pre>{@code
 * AwaitedGate gates = new AwaitedGate();
 * int v = await(gates.afterAwaited(1));   // the await surely had to wait
 * }</pre>
 */
public final class AwaitedGate {
    private static final long BOUND_NANOS = TimeUnit.SECONDS.toNanos(20);

    private final ExecutorService completer = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "awaited-gate");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param value what the future completes with
     * @param <T> its type
     * @return a future that completes once it has a dependent
     */
    public <T> CompletableFuture<T> afterAwaited(T value) {
        CompletableFuture<T> f = new CompletableFuture<>();
        completer.execute(() -> {
            long deadline = System.nanoTime() + BOUND_NANOS;
            while (f.getNumberOfDependents() == 0) {
                if (System.nanoTime() - deadline > 0) {
                    f.completeExceptionally(new AssertionError("nothing awaited the gate"));
                    return;
                }
                LockSupport.parkNanos(200_000); // re-check the condition; no decision rests on this pause
            }
            f.complete(value);
        });
        return f;
    }
}
