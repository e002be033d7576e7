package dev.weft.internal.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Waker;
import org.junit.jupiter.api.Test;

/** Deadlines at the edges: exactly now, between two ticks, and at the end of the clock's range. */
class DeadlineEdgesTest {
    private static final long TICK = 1_000_000L;

    @Test
    void aSleepPolledExactlyAtItsDeadlineIsReadyEvenBetweenTwoTicks() {
        PausedClock clock = new PausedClock();
        TimeDriver driver = new TimeDriver(clock, () -> { });
        // 1.5 ticks: its tick rounds up to 2, while the clock's tick is 1 when it is reached
        long deadline = clock.nanoTime() + TICK + TICK / 2;
        SleepEntry e = new SleepEntry(driver, deadline);
        assertTrue(e.poll(Waker.NOOP).isPending());
        clock.advance(TICK + TICK / 2);
        assertEquals(deadline, clock.nanoTime());
        assertTrue(e.poll(Waker.NOOP).isReady(), "the clock shows the deadline: the sleep is over");
        assertEquals(0, driver.pending());
    }

    @Test
    void aDeadlineWhoseTickStillStartsInRangeKeepsItsTick() {
        PausedClock clock = new PausedClock();
        TimeDriver driver = new TimeDriver(clock, () -> { });
        long origin = clock.nanoTime();
        // one tick below the end of the range: rounded up, its tick still starts at or before
        // Long.MAX_VALUE, so a clock can reach it
        long d = Long.MAX_VALUE - TICK;
        long tick = driver.deadlineTick(d);
        assertEquals((d - origin) / TICK + 1, tick);
        assertTrue(origin + tick * TICK <= Long.MAX_VALUE && origin + tick * TICK > 0, "the tick starts in range");
        // a few nanoseconds below the end: its rounded-up tick would start past it, so never
        assertEquals(TimeDriver.NEVER, driver.deadlineTick(Long.MAX_VALUE - 100));
        assertEquals(TimeDriver.NEVER, driver.deadlineTick(TimeDriver.NEVER));
    }

    @Test
    void aDeadlineAtOrBeforeTheOriginIsTickZero() {
        PausedClock clock = new PausedClock();
        TimeDriver driver = new TimeDriver(clock, () -> { });
        assertEquals(0, driver.deadlineTick(clock.nanoTime()));
        assertEquals(0, driver.deadlineTick(clock.nanoTime() - 5 * TICK));
        assertEquals(1, driver.deadlineTick(clock.nanoTime() + 1));
    }

    @Test
    void onlyAPausedClockSaysItIsPaused() {
        assertFalse(ClockSource.SYSTEM.isPaused());
        assertTrue(new PausedClock().isPaused());
    }
}
