package dev.weft;

/**
 * A suspendable computation without a result.
 *
 * <pre>{@code
 * AsyncRunnable tick = () -> { Async.await(signal); System.out.println("tick"); };
 * }</pre>
 */
@FunctionalInterface
public interface AsyncRunnable {
    /**
     * Runs the computation; may suspend at any await point.
     *
     * @throws Exception whatever the body throws
     */
    @Suspendable
    void run() throws Exception;

    /**
     * Adapts this runnable to an {@link AsyncCallable} that returns {@code null}.
     *
     * @return a callable running this runnable
     */
    default AsyncCallable<Void> asCallable() {
        return () -> {
            run();
            return null;
        };
    }
}
