package dev.weft.coroutine.abi;

/**
 * What the runtime does with an await that had to block because a frame that is not rewritten
 * stood between it and the coroutine's root: record it, and build the exception that refuses it
 * under the agent's {@code verify} option. The runtime installs its observer before its first
 * coroutine runs, so this package depends on nothing above it; until then pinned awaits are only
 * logged, and refused with an {@link IllegalStateException}.
 *
 * <pre>{@code
 * PinObserver.install(new PinObserver() {
 *     public void pinned(String culprit, String stack) { events.record(culprit, stack); }
 *     public RuntimeException refusal(String culprit) { return new SuspensionPinnedException(culprit); }
 * });
 * }</pre>
 */
public interface PinObserver {
    /**
     * Called on the pinned thread for every pinned await, repeated or not; must not throw.
     *
     * @param culprit which frame kept the coroutine from unwinding
     * @param stack the await's stack, one {@code "\tat frame"} per line
     */
    void pinned(String culprit, String stack);

    /**
     * @param culprit which frame kept the coroutine from unwinding
     * @return the exception a pinned await throws under {@code verify}
     */
    RuntimeException refusal(String culprit);

    /** @param observer the runtime's observer; replaces the one installed before */
    static void install(PinObserver observer) {
        PinnedSuspensions.install(observer);
    }
}
