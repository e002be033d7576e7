package dev.weft.itest.harness;

import dev.weft.Suspendable;

/**
 * Calls one corpus case by index through an ordinary, rewritten call site, so that a coroutine
 * can suspend through it. (Reflection would be an uninstrumented frame: the coroutine would pin
 * and block instead of suspending.)
 *
 * <p>The harness spins one implementation per shape class ({@link DispatcherSpinner}); generated
 * programs and sources compiled at test time implement it in their own source.
 */
public interface CaseDispatcher {
    /**
     * Runs case {@code index}.
     *
     * @param index the case, in the order the dispatcher was built with
     * @return the case's value, boxed; null for a {@code void} case
     * @throws Exception whatever the case throws
     */
    @Suspendable
    Object run(int index) throws Exception;
}
