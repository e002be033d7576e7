package dev.weft.future;

/**
 * Tells the executor that a pending {@link Awaitable} may now make progress, so the coroutine
 * or task that awaits it should be polled again.
 *
 * <p>Contract: a waker may be called from any thread, any number of times; extra calls are
 * harmless (the task is scheduled at most once per wake-up), and a call that races with a poll
 * is never lost (the task is polled again after that poll).
 *
 * <pre>{@code
 * // poll again once woken; queued at most once however often the waker fires
 * Poll<String> p = coroutine.poll(() -> {
 *     if (queued.compareAndSet(false, true)) readyQueue.add(coroutine);
 * });
 * }</pre>
 */
@FunctionalInterface
public interface Waker {
    /** Schedules the owner of this waker to be polled again. */
    void wake();

    /** A waker that does nothing, for polling a future by hand when no wake-up is wanted. */
    Waker NOOP = () -> { };
}
