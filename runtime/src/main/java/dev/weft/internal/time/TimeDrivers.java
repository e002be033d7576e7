package dev.weft.internal.time;

import java.util.function.Supplier;

/**
 * Finds the time driver for the calling thread: the one of the runtime the thread runs in, or the
 * {@link StandaloneTimer} outside any runtime. The runtime installs its lookup at start.
 */
public final class TimeDrivers {
    private static volatile Supplier<TimeDriver> runtimeLookup = () -> null;

    private TimeDrivers() {
    }

    /**
     * Sets how the runtime answers "which driver serves the calling thread" (null if none).
     *
     * @param lookup the lookup
     */
    public static void install(Supplier<TimeDriver> lookup) {
        runtimeLookup = lookup;
    }

    /** @return the driver serving the calling thread */
    public static TimeDriver current() {
        TimeDriver d = runtimeLookup.get();
        return d != null ? d : StandaloneTimer.driver();
    }
}
