package dev.weft.itest.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Coroutine;
import dev.weft.Suspendable;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.internal.time.StandaloneTimer;
import dev.weft.time.Elapsed;
import dev.weft.time.Interval;
import dev.weft.time.MissedTickBehavior;
import dev.weft.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Timers outside a runtime: coroutines driven by blockOn and the standalone timer thread. */
class TimeTest {
    @Suspendable
    static long sleepAndMeasure(long millis) {
        long start = System.nanoTime();
        Time.sleep(Duration.ofMillis(millis));
        return System.nanoTime() - start;
    }

    @Test
    void aSleepNeverReturnsEarly() throws Exception {
        for (long ms : new long[] {0, 1, 2, 5, 13, 30}) {
            long took = Coroutine.blockOn(() -> sleepAndMeasure(ms));
            assertTrue(took >= ms * 1_000_000L, "slept " + took + " ns for " + ms + " ms");
            assertTrue(sleepAndMeasure(ms) >= ms * 1_000_000L, "plain-thread sleep too");
        }
    }

    @Test
    void sleepsSuspendTheCoroutineAndResumeInDeadlineOrder() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        Coroutine<Void> slow = Coroutine.of(() -> {
            Time.sleep(Duration.ofMillis(40));
            order.add("slow");
            return null;
        });
        Coroutine<Void> fast = Coroutine.of(() -> {
            Time.sleep(Duration.ofMillis(10));
            order.add("fast");
            return null;
        });
        assertTrue(slow.poll(Waker.NOOP).isPending());
        assertTrue(fast.poll(Waker.NOOP).isPending());
        while (!slow.isDone() || !fast.isDone()) {
            Thread.sleep(2);
            // the earlier deadline first: if a stall made both due, the order still follows them
            if (!fast.isDone()) {
                fast.poll(Waker.NOOP);
            }
            if (!slow.isDone()) {
                slow.poll(Waker.NOOP);
            }
        }
        assertEquals(List.of("fast", "slow"), order);
    }

    @Test
    void timeoutCancelsTheWorkAndRunsItsFinally() throws Exception {
        List<String> log = new ArrayList<>();
        Elapsed e = assertThrows(Elapsed.class, () -> Coroutine.blockOn(() -> Time.timeout(Duration.ofMillis(20), () -> {
            try {
                Time.sleep(Duration.ofSeconds(30));
                log.add("not reached");
            } finally {
                log.add("finally");
            }
            return "late";
        })));
        assertTrue(e.getMessage().contains("PT0.02S"), e.getMessage());
        assertEquals(List.of("finally"), log);
        assertEquals("quick", Coroutine.blockOn(() -> Time.timeout(Duration.ofSeconds(5), () -> {
            Time.sleep(Duration.ofMillis(1));
            return "quick";
        })));
    }

    @Test
    void aCancelledSleepLeavesNothingInTheWheel() throws Exception {
        int before = StandaloneTimer.driver().pending();
        Coroutine<Void> c = Coroutine.of(() -> {
            Time.sleep(Duration.ofHours(1));
            return null;
        });
        assertTrue(c.poll(Waker.NOOP).isPending());
        assertEquals(before + 1, StandaloneTimer.driver().pending());
        c.cancel();
        assertThrows(dev.weft.CancelledException.class, () -> c.poll(Waker.NOOP));
        assertEquals(before, StandaloneTimer.driver().pending());
    }

    @Test
    void intervalTicksOnSchedule() throws Exception {
        long period = Duration.ofMillis(5).toNanos();
        List<Long> ticks = Coroutine.blockOn(() -> {
            Interval every = Time.interval(Duration.ofMillis(5), MissedTickBehavior.BURST);
            List<Long> at = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                at.add(every.tick());
            }
            return at;
        });
        for (int i = 1; i < ticks.size(); i++) {
            assertEquals(period, ticks.get(i) - ticks.get(i - 1));
        }
        long skipped = Coroutine.blockOn(() -> {
            Interval every = Time.interval(Duration.ofMillis(5), MissedTickBehavior.SKIP);
            long first = every.tick();
            Thread.sleep(23);                       // miss four ticks
            every.tick();                           // fires at once
            return every.tick() - first;            // back on the original schedule
        });
        assertEquals(0, skipped % period);
        assertTrue(skipped >= 5 * period, "skipped to a later tick of the schedule: " + skipped);
        assertThrows(IllegalArgumentException.class, () -> Time.interval(Duration.ZERO));
    }

    @Test
    void pollAfterReadyIsNotNeededForSleepZero() throws Exception {
        Coroutine<String> c = Coroutine.of(() -> {
            Time.sleep(Duration.ZERO);
            return "done";
        });
        Poll<String> p = c.poll(Waker.NOOP);
        assertTrue(p.isReady());
        assertEquals("done", p.value());
    }
}
