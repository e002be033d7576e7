package dev.weft.future;

/**
 * A leaf future: a value that becomes available later, polled by the coroutine that awaits it.
 * This is what {@link dev.weft.Async#await(Awaitable)} ultimately polls; timers, I/O readiness,
 * channel receives and join handles are awaitables, and so is a {@link dev.weft.Coroutine}.
 * Any {@link java.util.concurrent.CompletionStage} is adapted to one.
 *
 * <h2>Contract</h2>
 * <ol>
 *   <li>{@code poll(waker)} returns {@link Poll#ready(Object)} once the value is available, and
 *       from then on it must not be polled again.</li>
 *   <li>If it returns {@link Poll#pending()}, it has arranged for {@code waker} (the one passed
 *       to the most recent poll) to be called when progress is possible. A poll that returns
 *       pending without arranging a wake-up leaves its awaiter suspended forever.</li>
 *   <li>A failure is reported by throwing from {@code poll}; the exception reaches the awaiter
 *       unchanged (checked exceptions included).</li>
 *   <li>{@link #abandon()} is called at most once, when the awaiter gives up before the value
 *       was ready (its coroutine was cancelled); it releases registrations, like dropping a
 *       future in Rust.</li>
 * </ol>
 *
 * <pre>{@code
 * final class Flag implements Awaitable<Void> {
 *     private volatile boolean set;
 *     private volatile Waker waiter;
 *     void set() { set = true; Waker w = waiter; if (w != null) w.wake(); }
 *     public Poll<Void> poll(Waker waker) {
 *         if (set) return Poll.ready(null);
 *         waiter = waker;
 *         return set ? Poll.ready(null) : Poll.pending();   // re-check closes the race with set()
 *     }
 * }
 * }</pre>
 *
 * @param <T> the type of the value
 */
@FunctionalInterface
public interface Awaitable<T> {
    /**
     * Attempts to complete.
     *
     * @param waker called when this future may make progress after a pending result
     * @return ready with the value, or pending
     */
    Poll<T> poll(Waker waker);

    /** Releases whatever a pending poll registered; the awaiter will not poll again. */
    default void abandon() {
    }
}
