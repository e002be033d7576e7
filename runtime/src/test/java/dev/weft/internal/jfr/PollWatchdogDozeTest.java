package dev.weft.internal.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The dozing watchdog's pause: doubled per idle tick, capped, and never negative. */
class PollWatchdogDozeTest {
    private static final long MAX = TimeUnit.MILLISECONDS.toNanos(PollWatchdog.MAX_DOZE_MILLIS);

    @Test
    void thePauseDoublesPerIdleTickUpToTheCap() {
        long tick = TimeUnit.MILLISECONDS.toNanos(5);
        assertEquals(2 * tick, PollWatchdog.dozePause(tick, 1));
        assertEquals(64 * tick, PollWatchdog.dozePause(tick, 6));
        assertEquals(MAX, PollWatchdog.dozePause(tick, 8));
        assertEquals(MAX, PollWatchdog.dozePause(tick, Integer.MAX_VALUE - 1));
    }

    @Test
    void aLongThresholdNeitherOverflowsNorDozesShorterThanItTicks() {
        // a 20 s threshold ticks every 10 s; shifted 30 times it would pass the sign bit
        long tick = TimeUnit.SECONDS.toNanos(10);
        for (int doublings = 1; doublings < 70; doublings++) {
            assertEquals(tick, PollWatchdog.dozePause(tick, doublings), "doublings " + doublings);
        }
        long oneNs = 1;
        assertEquals(1L << 20, PollWatchdog.dozePause(oneNs, 20));
        assertEquals(MAX, PollWatchdog.dozePause(oneNs, 62));
        assertEquals(MAX, PollWatchdog.dozePause(oneNs, 63));
    }
}
