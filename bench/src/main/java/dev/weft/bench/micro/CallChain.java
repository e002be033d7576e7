package dev.weft.bench.micro;

import dev.weft.Suspendable;

/** A chain of suspendable calls that never suspends: the agent's fast path. */
final class CallChain {
    private CallChain() {
    }

    @Suspendable
    static int chain(int depth, int x) {
        if (depth == 0) {
            return x * 31 + 7;
        }
        return chain(depth - 1, x) + 1;
    }
}
