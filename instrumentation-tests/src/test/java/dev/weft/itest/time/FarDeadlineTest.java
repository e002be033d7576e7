package dev.weft.itest.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.JoinHandle;
import dev.weft.Task;
import dev.weft.WeftRuntime;
import dev.weft.future.CancelledException;
import dev.weft.time.Elapsed;
import dev.weft.time.Time;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Deadlines past the timer wheel's range (about 795 days) or past any representable instant:
 * they neither fire early nor stop the runtime's other timers, and the sleeper can be aborted.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FarDeadlineTest {
    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (String flavour : new String[] {"multi-2", "multi-1", "current"}) {
            for (Duration d : new Duration[] {
                    Duration.ofDays(800), Duration.ofSeconds(Long.MAX_VALUE), Duration.ofNanos(Long.MAX_VALUE)}) {
                for (boolean timeout : new boolean[] {false, true}) {
                    b.add(Arguments.of(flavour, d, timeout));
                }
            }
        }
        return b.build();
    }

    static WeftRuntime runtime(String flavour) {
        return switch (flavour) {
            case "multi-2" -> WeftRuntime.multiThread().workerThreads(2).build();
            case "multi-1" -> WeftRuntime.multiThread().workerThreads(1).build();
            default -> WeftRuntime.currentThread().build();
        };
    }

    @ParameterizedTest(name = "{0} {1} timeout={2}")
    @MethodSource("cases")
    void aFarDeadlineLeavesOtherTimersWorkingAndStaysAbortable(String flavour, Duration far, boolean timeout)
            throws Exception {
        WeftRuntime rt = runtime(flavour);
        try {
            CountDownLatch started = new CountDownLatch(1);
            JoinHandle<String> sleeper = rt.spawn(() -> {
                started.countDown();
                if (timeout) {
                    // the body waits for ever (a sleep past the limit): only the abort ends it
                    return Time.timeout(far, () -> {
                        Time.sleep(far);
                        return "body";
                    });
                }
                Time.sleep(far);
                return "woke";
            });
            String out = rt.blockOn(() -> {
                while (started.getCount() > 0) {
                    Task.yieldNow();   // the current-thread flavour runs the sleeper in between
                }
                // other timers of the same runtime still fire: a sleep and an elapsing timeout
                Time.sleep(Duration.ofMillis(3));
                try {
                    // inline, not in assertThrows: a lambda the agent does not rewrite would pin
                    Time.timeout(Duration.ofMillis(3), () -> {
                        Time.sleep(Duration.ofDays(1));
                        return null;
                    });
                    return "the timeout did not elapse";
                } catch (Elapsed expected) {
                    return "others fired";
                }
            });
            assertEquals("others fired", out);
            assertFalse(sleeper.isFinished());
            sleeper.abort();
            // blockOn, not join: a current-thread runtime runs the abort only while driven
            assertThrows(CancelledException.class, () -> rt.blockOn(sleeper));
        } finally {
            rt.close();   // throws if a task is still running at the shutdown timeout
        }
    }
}
