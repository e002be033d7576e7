package dev.weft.bench.micro;

import dev.weft.Suspendable;
import org.openjdk.jmh.annotations.CompilerControl;

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

    /** The same, never inlined: compared with {@link PlainChain#chainCalls(int, int)}. */
    @Suspendable
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static int chainCalls(int depth, int x) {
        if (depth == 0) {
            return x * 31 + 7;
        }
        return chainCalls(depth - 1, x) + 1;
    }
}
