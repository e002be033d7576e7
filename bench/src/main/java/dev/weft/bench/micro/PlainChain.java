package dev.weft.bench.micro;

import org.openjdk.jmh.annotations.CompilerControl;

/** The same code as {@link CallChain}, not suspendable, so the agent leaves it alone. */
final class PlainChain {
    private PlainChain() {
    }

    static int chain(int depth, int x) {
        if (depth == 0) {
            return x * 31 + 7;
        }
        return chain(depth - 1, x) + 1;
    }

    /** The same, never inlined: each level is a real call, the baseline the JIT cannot fold. */
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static int chainCalls(int depth, int x) {
        if (depth == 0) {
            return x * 31 + 7;
        }
        return chainCalls(depth - 1, x) + 1;
    }
}
