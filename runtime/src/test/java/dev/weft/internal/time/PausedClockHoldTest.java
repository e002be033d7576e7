package dev.weft.internal.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Waker;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A held paused clock does not jump; a hold and a jump are atomic with respect to each other. */
class PausedClockHoldTest {
    @Test
    void aHeldClockRefusesTheIdleJumpUntilEveryHoldIsGivenBack() {
        PausedClock clock = new PausedClock();
        TimeDriver driver = new TimeDriver(clock, () -> { });
        SleepEntry e = new SleepEntry(driver, clock.nanoTime() + 5_000_000_000L);
        assertTrue(e.poll(Waker.NOOP).isPending());
        clock.hold();
        clock.hold();
        assertFalse(driver.advanceIdleClock(), "held twice: no jump");
        clock.release();
        assertFalse(driver.advanceIdleClock(), "still held once: no jump");
        assertEquals(PausedClock.START, clock.nanoTime());
        clock.release();
        assertFalse(clock.held());
        // a jump lands on the wheel's next slot boundary: a few reach a sleep 5 s ahead
        for (int jumps = 0; !e.poll(Waker.NOOP).isReady(); jumps++) {
            assertTrue(jumps < 8, "still pending after " + jumps + " jumps");
            assertTrue(driver.advanceIdleClock(), "no hold left: the clock jumps towards the sleep");
        }
        assertFalse(driver.advanceIdleClock(), "no timer left to jump to");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aHolderThatReadsTheClockAfterItsHoldNeverSeesItMoveUntilItGivesItBack() throws Exception {
        PausedClock clock = new PausedClock();
        int jumps = 1_000;
        CountDownLatch start = new CountDownLatch(1);
        Thread jumper = new Thread(() -> {
            try {
                start.await();
            } catch (InterruptedException ex) {
                return;
            }
            for (int done = 0; done < jumps; ) {
                if (clock.advanceUnlessHeld(1)) {
                    done++;
                }
            }
        }, "paused-clock-jumper");
        jumper.start();
        start.countDown();
        int moved = 0;
        while (jumper.isAlive()) {
            clock.hold();
            long a = clock.nanoTime();
            Thread.onSpinWait();
            long b = clock.nanoTime();
            clock.release();
            if (a != b) {
                moved++;
            }
        }
        jumper.join();
        assertEquals(0, moved, "reads under a hold saw the clock move");
        assertEquals(PausedClock.START + jumps, clock.nanoTime(), "every jump landed between two holds");
    }
}
