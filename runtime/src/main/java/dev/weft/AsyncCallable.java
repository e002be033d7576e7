package dev.weft;

/**
 * A suspendable computation that returns a value: the body of a coroutine or a task.
 *
 * <pre>{@code
 * AsyncCallable<String> body = () -> Async.await(fetchAsync()).toUpperCase();
 * String s = Coroutine.blockOn(body);
 * }</pre>
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface AsyncCallable<T> {
    /**
     * Runs the computation; may suspend at any await point.
     *
     * @return the result
     * @throws Exception whatever the body throws; it reaches whoever awaits the result
     */
    @Suspendable
    T call() throws Exception;
}
