package dev.weft.bench.micro;

import dev.weft.coroutine.abi.CarrierThread;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs batches of benchmark work on one {@link CarrierThread}, the kind of thread Weft's workers
 * are, so rewritten code finds its coroutine in a field as it does in production. Each batch is
 * large enough that the hand-off costs well under a nanosecond per operation, and every variant
 * of a benchmark pays the same hand-off.
 */
final class CarrierExecutor implements AutoCloseable {
    private final ExecutorService executor = Executors.newSingleThreadExecutor(
            r -> new CarrierThread(null, r, "bench-carrier"));

    <T> T run(Callable<T> batch) {
        try {
            return executor.submit(batch).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
