package dev.weft.itest.api;

import static dev.weft.Async.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.AsyncCallable;
import dev.weft.JoinHandle;
import dev.weft.Suspendable;
import dev.weft.Task;
import dev.weft.WeftRuntime;
import dev.weft.future.CancelledException;
import dev.weft.time.Elapsed;
import dev.weft.time.Time;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An awaited {@code CompletableFuture} that the awaiter abandons (abort, timeout) is cancelled,
 * unless it was awaited through {@link Async#detached}; one that completes is left alone.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StageCancellationTest {
    @Test
    void abortCancelsThePendingFuture() throws Exception {
        CompletableFuture<String> f = new CompletableFuture<>();
        try (WeftRuntime rt = WeftRuntime.currentThread().build()) {
            rt.blockOn(() -> {
                JoinHandle<String> h = Task.spawn(() -> await(f));
                Task.yieldNow();   // h is now suspended on f
                h.abort();
                assertTrue(joinIsCancelled(h));
                return null;
            });
        }
        assertTrue(f.isCancelled());
    }

    @Test
    void aTimeoutCancelsThePendingFutureUnlessDetached() throws Exception {
        CompletableFuture<String> plain = new CompletableFuture<>();
        CompletableFuture<String> kept = new CompletableFuture<>();
        try (WeftRuntime rt = WeftRuntime.currentThread().build()) {
            rt.blockOn(() -> {
                // neither future ever completes, so each timeout fires whatever the machine's speed
                assertTrue(timesOut(() -> await(plain)));
                assertTrue(timesOut(() -> await(Async.detached(kept))));
                return null;
            });
        }
        assertTrue(plain.isCancelled());
        assertFalse(kept.isDone(), "detached: the original runs on");
    }

    @Test
    void detachedKeepsTheFutureRunning() throws Exception {
        CompletableFuture<String> f = new CompletableFuture<>();
        try (WeftRuntime rt = WeftRuntime.currentThread().build()) {
            rt.blockOn(() -> {
                JoinHandle<String> h = Task.spawn(() -> await(Async.detached(f)));
                Task.yieldNow();
                h.abort();
                assertTrue(joinIsCancelled(h));
                return null;
            });
        }
        assertFalse(f.isDone());
        f.complete("still wanted");
        assertEquals("still wanted", Async.detached(f).toCompletableFuture().join());
    }

    @Test
    void aCompletedAwaitCancelsNothing() throws Exception {
        CompletableFuture<String> f = new CompletableFuture<>();
        try (WeftRuntime rt = WeftRuntime.currentThread().build()) {
            assertEquals("v", rt.blockOn(() -> {
                JoinHandle<String> h = Task.spawn(() -> await(f));
                Task.yieldNow();
                f.complete("v");
                return h.join();
            }));
        }
        assertFalse(f.isCancelled());
    }

    // assertThrows takes a plain lambda, whose awaits would block the runtime's only thread

    @Suspendable
    private static boolean timesOut(AsyncCallable<String> body) throws Exception {
        try {
            Time.timeout(Duration.ofMillis(5), body);
            return false;
        } catch (Elapsed expected) {
            return true;
        }
    }

    @Suspendable
    private static boolean joinIsCancelled(JoinHandle<?> h) {
        try {
            h.join();
            return false;
        } catch (CancelledException expected) {
            return true;
        }
    }
}
