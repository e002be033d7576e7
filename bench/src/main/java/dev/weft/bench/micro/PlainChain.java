package dev.weft.bench.micro;

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
}
