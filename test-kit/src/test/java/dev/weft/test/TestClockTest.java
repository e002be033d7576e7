package dev.weft.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.JoinHandle;
import dev.weft.Suspendable;
import dev.weft.Task;
import dev.weft.time.Elapsed;
import dev.weft.time.Time;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Virtual time in {@code @WeftTest(paused = true)}. */
class TestClockTest {
    @WeftTest(paused = true)
    @Suspendable
    void anHourOfTimeoutRunsAtOnce(TestClock clock) throws Exception {
        assertEquals(Duration.ZERO, clock.elapsed());
        // no assertThrows: its lambda is not suspendable, so the await inside it would block
        try {
            Time.timeout(Duration.ofHours(1), () -> {
                Time.sleep(Duration.ofHours(2));
                return null;
            });
            throw new AssertionError("the timeout should have elapsed");
        } catch (Elapsed expected) {
            // the hour passed in virtual time
        }
        assertEquals(Duration.ofHours(1), clock.elapsed());
    }

    @WeftTest(paused = true)
    @Suspendable
    void advanceFiresWhatIsDueAndNothingLater(TestClock clock) {
        List<String> log = new CopyOnWriteArrayList<>();
        JoinHandle<Void> h = Task.spawn(() -> {
            Time.sleep(Duration.ofSeconds(1));
            log.add("1s");
            Time.sleep(Duration.ofSeconds(1));
            log.add("2s");
            return null;
        });
        clock.advance(Duration.ofMillis(999));
        assertEquals(List.of(), log);
        clock.advance(Duration.ofMillis(1));
        assertEquals(List.of("1s"), log);
        long before = clock.now();
        clock.advance(Duration.ofSeconds(5));
        assertEquals(List.of("1s", "2s"), log);
        assertEquals(before + Duration.ofSeconds(5).toNanos(), clock.now());
        h.join();
    }

    @WeftTest(paused = true)
    @Suspendable
    void advanceUntilIdleRunsEveryTimerInOrder(TestClock clock) {
        List<Integer> log = new CopyOnWriteArrayList<>();
        for (int i = 3; i >= 1; i--) {
            int n = i;
            Task.spawn(() -> {
                Time.sleep(Duration.ofMinutes(n));
                log.add(n);
                return null;
            });
        }
        clock.advanceUntilIdle();
        assertEquals(List.of(1, 2, 3), log);
        assertEquals(Duration.ofMinutes(3), clock.elapsed());
    }

    @WeftTest
    @Suspendable
    void theClockRefusesARealTimeRuntime(TestClock clock) {
        IllegalStateException e = assertThrows(IllegalStateException.class, clock::elapsed);
        assertTrue(e.getMessage().contains("@WeftTest(paused = true)"), e.getMessage());
    }

    @Test
    void pausedNeedsTheCurrentThreadFlavour() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TestSettings.of(Bad.class.getDeclaredMethod("m").getAnnotation(WeftTest.class), "Bad.m"));
        assertTrue(e.getMessage().contains("paused = true needs the current-thread flavour"), e.getMessage());
    }

    private static final class Bad {
        @WeftTest(paused = true, flavor = WeftTest.Flavor.MULTI_THREAD)
        void m() {
        }
    }
}
