package dev.weft.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition on observable state (a counter, a flag the runtime exposes). The bound is
 * a hang guard only: no test passes or fails because a pause was long or short enough.
 */
public final class Eventually {
    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(20);

    private Eventually() {
    }

    /**
     * Re-checks {@code condition} until it holds; fails with {@code what} after 20 s.
     *
     * @param condition what must become true
     * @param what the failure message, built only on failure
     */
    public static void holds(BooleanSupplier condition, Supplier<String> what) {
        long giveUp = System.nanoTime() + GIVE_UP_NANOS;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() - giveUp < 0, what);
            LockSupport.parkNanos(100_000); // re-check soon; no decision rests on this pause
        }
    }
}
