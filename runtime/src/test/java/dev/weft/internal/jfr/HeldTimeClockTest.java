package dev.weft.internal.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The watchdog times polls on a line that leaves out the spans in which it was itself held (a
 * stop-the-world pause), so such a pause is not reported as a task blocking its worker, while a
 * poll that really runs on is still reported. Synthetic clock values: no timing.
 */
class HeldTimeClockTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long THRESHOLD = 10 * MS;
    private static final long TICK = THRESHOLD / 2;

    /** Drives one watched poll through watchdog ticks whose parks return at the given lateness. */
    private static final class Ticks {
        final HeldTimeClock clock = new HeldTimeClock();
        final PollWatch watch = new PollWatch(Thread.currentThread());
        final List<Long> reported = new ArrayList<>();
        long real = 1_000 * MS;

        Ticks() {
            watch.begin(new TracedTask() {
                @Override
                public long id() {
                    return 7;
                }

                @Override
                public String name() {
                    return "stuck";
                }
            });
        }

        void tick(long late) {
            long parkedAt = real;
            real += TICK + late;
            long line = clock.afterPark(parkedAt, real, TICK, THRESHOLD);
            watch.check(line, THRESHOLD, (w, t, stuckFor, th, stack) -> reported.add(stuckFor));
        }
    }

    @Test
    void onTimeAndJitteryParksCountInFull() {
        HeldTimeClock c = new HeldTimeClock();
        assertEquals(105 * MS, c.afterPark(100 * MS, 105 * MS, TICK, THRESHOLD));
        assertEquals(119 * MS, c.afterPark(105 * MS, 119 * MS, TICK, THRESHOLD), "9 ms late is jitter, counted");
        assertEquals(124 * MS, c.afterPark(119 * MS, 124 * MS, TICK, THRESHOLD));
    }

    @Test
    void aHeldParkIsLeftOutOfTheLineForGood() {
        HeldTimeClock c = new HeldTimeClock();
        assertEquals(105 * MS, c.afterPark(100 * MS, 105 * MS, TICK, THRESHOLD));
        // parked at 105 for 5 ms, woke at 410: held 300 ms
        assertEquals(110 * MS, c.afterPark(105 * MS, 410 * MS, TICK, THRESHOLD));
        assertEquals(115 * MS, c.afterPark(410 * MS, 415 * MS, TICK, THRESHOLD), "the pause stays left out");
    }

    @Test
    void aCollectionPauseDuringAPollIsNotReported() {
        Ticks t = new Ticks();
        t.tick(0);              // the watchdog first sees the poll
        t.tick(300 * MS);       // everything held for 300 ms
        assertTrue(t.reported.isEmpty(), "a JVM-wide pause was blamed on the task: " + t.reported);
    }

    @Test
    void aPollThatRunsOnIsStillReportedOnce() {
        Ticks t = new Ticks();
        t.tick(0);
        t.tick(300 * MS);
        for (int i = 0; i < 4; i++) {
            t.tick(0);
        }
        assertEquals(1, t.reported.size(), "reported once, after a threshold of its own running time");
        assertEquals(THRESHOLD, t.reported.get(0), "stuck for its own 10 ms, the 300 ms pause left out");
    }
}
