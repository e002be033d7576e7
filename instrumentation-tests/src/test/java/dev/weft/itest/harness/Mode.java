package dev.weft.itest.harness;

/** How a differential run decides whether each await of a {@link Src} gate suspends. */
public enum Mode {
    /** Called directly on the test thread, outside any coroutine; every gate is already complete. */
    PLAIN,
    /**
     * Inside a coroutine; every gate is pending and is completed from the completer thread only
     * after the poll that awaited it returned pending; the next poll may run on another thread.
     */
    FORCED,
    /**
     * Several coroutines at once; each gate is ready or pending by a seeded coin, and pending
     * gates are completed in random order across the coroutines.
     */
    RANDOM;

    /** @return the lower-case name used in test names */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
