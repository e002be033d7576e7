package dev.weft.itest.api;

import static dev.weft.Async.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.WeftRuntime;
import dev.weft.time.Time;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A paused clock does not jump past an await on an outside future: a per-call timeout around a
 * call that completes in real time elsewhere (an {@code HttpClient} exchange) must not fire just
 * because every task is idle.
 *
 * <p>The outside thread completes the future only after the runtime has parked with every task
 * idle twice. Before the fix, the first such park jumped the clock to the timeout and the await
 * lost every time; now the clock stays put, and the real wait is bounded by the wake-up.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PausedClockExternalWaitTest {
    @Test
    void anIdleRuntimeWaitsForTheOutsideFutureInsteadOfFiringTheTimeout() throws Exception {
        // current-thread: its only thread parks in the driver, so "parked twice while idle" is observable
        // (a multi-thread runtime's idle workers may all park off the driver, and the count stops)
        {
            try (WeftRuntime rt = WeftRuntime.currentThread().startPaused(true).build()) {
                CompletableFuture<String> call = new CompletableFuture<>();
                long parksBefore = rt.metrics().parks();
                Thread outside = new Thread(() -> {
                    // done early only if the await gave up (it cancels call): then the test fails below
                    while (!call.isDone() && rt.metrics().parks() < parksBefore + 2) {
                        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);   // a poll interval, not a wait for time to pass
                    }
                    call.complete("response");
                }, "outside-client");
                outside.setDaemon(true);
                outside.start();
                String got = rt.blockOn(() -> {
                    long start = Time.nanoTime();
                    String v = Time.timeout(Duration.ofMillis(20), () -> await(call));
                    assertEquals(0, Time.nanoTime() - start, "the paused clock did not move");
                    return v;
                });
                assertEquals("response", got);
                outside.join();
            }
        }
    }

    @Test
    void onceTheOutsideFutureIsDoneTheClockJumpsAgain() throws Exception {
        try (WeftRuntime rt = WeftRuntime.currentThread().startPaused(true).build()) {
            rt.blockOn(() -> {
                long start = Time.nanoTime();
                await(CompletableFuture.supplyAsync(() -> "elsewhere"));
                Time.sleep(Duration.ofHours(1));
                assertEquals(Duration.ofHours(1).toNanos(), Time.nanoTime() - start);
                return null;
            });
        }
    }
}
