package dev.weft.internal.task;

/**
 * Rethrows any throwable, checked or not, without wrapping: a coroutine's exception reaches its
 * awaiter unchanged, as it would through a plain call.
 */
public final class Sneaky {
    private Sneaky() {
    }

    /**
     * Throws {@code t}. Declared to return an exception so callers can write
     * {@code throw Sneaky.rethrow(t)} and keep the compiler's flow analysis.
     *
     * @param t the throwable
     * @param <E> inferred as an unchecked type at the call site
     * @return never returns
     * @throws E always {@code t}
     */
    @SuppressWarnings("unchecked")
    public static <E extends Throwable> E rethrow(Throwable t) throws E {
        throw (E) t;
    }
}
