package dev.weft.itest.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
        // each coroutine is polled again only when the timer wakes it, and the wake order is
        // whatever the timer fires: no polling loop can hide a sleep that ignores its duration
        BlockingQueue<String> woken = new LinkedBlockingQueue<>();
        List<String> order = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        long[] doneAt = new long[2];
        Coroutine<Void> slow = Coroutine.of(() -> {
            Time.sleep(Duration.ofMillis(40));
            doneAt[1] = System.nanoTime();
            order.add("slow");
            return null;
        });
        Coroutine<Void> fast = Coroutine.of(() -> {
            Time.sleep(Duration.ofMillis(10));
            doneAt[0] = System.nanoTime();
            order.add("fast");
            return null;
        });
        Waker wakeSlow = () -> woken.add("slow");
        Waker wakeFast = () -> woken.add("fast");
        assertTrue(slow.poll(wakeSlow).isPending(), "the sleep suspended the coroutine");
        assertTrue(fast.poll(wakeFast).isPending(), "the sleep suspended the coroutine");
        while (!slow.isDone() || !fast.isDone()) {
            String who = woken.poll(20, TimeUnit.SECONDS);
            assertNotNull(who, "no timer wake within 20 s");
            if (who.equals("fast") && !fast.isDone()) {
                fast.poll(wakeFast);
            } else if (who.equals("slow") && !slow.isDone()) {
                slow.poll(wakeSlow);
            }
        }
        assertEquals(List.of("fast", "slow"), order, "woken in deadline order");
        assertTrue(doneAt[0] - start >= Duration.ofMillis(10).toNanos(), "the 10 ms sleep waited");
        assertTrue(doneAt[1] - start >= Duration.ofMillis(40).toNanos(), "the 40 ms sleep waited");
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
        assertThrows(dev.weft.future.CancelledException.class, () -> c.poll(Waker.NOOP));
        assertEquals(before, StandaloneTimer.driver().pending());
    }

    @Test
    void intervalTicksOnSchedule() throws Exception {
        long period = Duration.ofMillis(5).toNanos();
        // each tick's scheduled time, and the time tick() returned at
        List<long[]> ticks = Coroutine.blockOn(() -> {
            Interval every = Time.interval(Duration.ofMillis(5), MissedTickBehavior.BURST);
            List<long[]> at = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                long scheduled = every.tick();
                at.add(new long[] {scheduled, Time.nanoTime()});
            }
            return at;
        });
        for (int i = 1; i < ticks.size(); i++) {
            assertEquals(period, ticks.get(i)[0] - ticks.get(i - 1)[0]);
            assertTrue(ticks.get(i)[1] >= ticks.get(i)[0], "tick " + i + " returned before its time: it did not wait");
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
