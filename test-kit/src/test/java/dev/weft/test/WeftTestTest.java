package dev.weft.test;

import static dev.weft.Async.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.JoinHandle;
import dev.weft.Suspendable;
import dev.weft.Task;
import dev.weft.WeftRuntime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@code @WeftTest} runs the method as a coroutine on a fresh runtime of the flavour asked for. */
class WeftTestTest {
    private static final AtomicReference<WeftRuntime> PREVIOUS = new AtomicReference<>();

    /** A current-thread runtime has one thread: this await can only finish if it suspends. */
    @WeftTest
    @Suspendable
    void theMethodSuspendsOnACurrentThreadRuntime() {
        CompletableFuture<String> f = new CompletableFuture<>();
        JoinHandle<Void> h = Task.spawn(() -> {
            f.complete("done");
            return null;
        });
        assertEquals("done", await(f));
        h.join();
    }

    @WeftTest
    @Suspendable
    void eachTestGetsAFreshRuntime() {
        WeftRuntime rt = WeftRuntime.current();
        WeftRuntime before = PREVIOUS.getAndSet(rt);
        assertTrue(before == null || before != rt);
        assertTrue(WeftRuntime.tryCurrent().isPresent());
    }

    @WeftTest
    @Suspendable
    void eachTestGetsAFreshRuntimeToo() {
        eachTestGetsAFreshRuntime();
    }

    @WeftTest(flavor = WeftTest.Flavor.MULTI_THREAD, workerThreads = 3)
    @Suspendable
    void multiThreadFlavourSpawnsOnItsWorkers() {
        assertEquals(3, WeftRuntime.current().metrics().workers());
        String worker = Task.spawn(() -> Thread.currentThread().getName()).join();
        assertTrue(worker.startsWith("weft-test-worker-"), worker);
    }

    @WeftTest
    @Suspendable
    void parametersOtherThanTheClockAreJUnits(org.junit.jupiter.api.TestInfo info) {
        assertTrue(info.getDisplayName().startsWith("["), info.getDisplayName());
    }

    @Test
    void theRuntimeIsClosedAfterTheTest() {
        WeftRuntime last = PREVIOUS.get();
        if (last != null) {
            assertTrue(WeftRuntime.tryCurrent().isEmpty());
            assertSame(0, last.liveTasks());
        }
    }
}
