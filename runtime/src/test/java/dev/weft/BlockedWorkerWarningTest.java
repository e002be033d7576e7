package dev.weft;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Poll;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A task that holds its worker without awaiting is reported as a WARNING naming the task and
 * showing its stack. The task is held by a latch until the warning arrived, so nothing here
 * depends on how long anything takes.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BlockedWorkerWarningTest {
    static final class Capture extends Handler {
        final AtomicReference<String> first = new AtomicReference<>();
        final CountDownLatch seen = new CountDownLatch(1);
        final String mustContain;

        Capture(String mustContain) {
            this.mustContain = mustContain;
        }

        @Override
        public void publish(LogRecord r) {
            String m = r.getMessage();
            if (r.getLevel() == Level.WARNING && m != null && m.contains(mustContain) && first.compareAndSet(null, m)) {
                seen.countDown();
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    /** Named so that the warning's stack can be checked for it. */
    static Poll<String> holdTheWorker(CountDownLatch release) throws InterruptedException {
        release.await();
        return Poll.ready("released");
    }

    /** @return a task that holds its worker in {@link #holdTheWorker} until {@code release} */
    private static JoinHandle<String> spawnHeld(WeftRuntime rt, CountDownLatch release) {
        return rt.spawn(w -> {
            try {
                return holdTheWorker(release);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Waits for the warning naming {@code h}, then releases it; @return the warning's text */
    private static String awaitWarning(Logger jul, JoinHandle<String> h, CountDownLatch release, String failure)
            throws InterruptedException {
        Capture capture = new Capture("task-" + h.id() + " ");
        jul.addHandler(capture);
        try {
            assertTrue(capture.seen.await(30, TimeUnit.SECONDS), failure);
        } finally {
            jul.removeHandler(capture);
            release.countDown();
        }
        return capture.first.get();
    }

    @Test
    void aTaskThatBlocksItsWorkerIsReportedWithItsNameAndStack() throws Exception {
        Logger jul = Logger.getLogger("dev.weft.runtime");
        CountDownLatch release = new CountDownLatch(1);
        try (WeftRuntime rt = WeftRuntime.multiThread().workerThreads(1).longPollThreshold(Duration.ofMillis(1)).build()) {
            JoinHandle<String> h = spawnHeld(rt, release);
            String m = awaitWarning(jul, h, release, "no warning for the blocked worker");
            assertTrue(m.contains("without awaiting"), m);
            assertTrue(m.contains("holdTheWorker"), m);
            assertTrue(m.contains("java.util.concurrent.CountDownLatch.await"), m);
            assertTrue("released".equals(h.join()));
        }
    }

    @Test
    void aWatchdogThatDozedOnAnIdleRuntimeStillReportsTheNextBlockedWorker() throws Exception {
        Logger jul = Logger.getLogger("dev.weft.runtime");
        CountDownLatch release = new CountDownLatch(1);
        try (WeftRuntime rt = WeftRuntime.multiThread().workerThreads(1).longPollThreshold(Duration.ofMillis(1)).build()) {
            rt.spawn(w -> Poll.ready("quick")).join();   // starts the watchdog
            // idle now: the watchdog stops ticking every half threshold (observable state, no sleep decides)
            while (!rt.scheduler().watchdog().dozing()) {
                Thread.onSpinWait();
            }
            JoinHandle<String> h = spawnHeld(rt, release);
            awaitWarning(jul, h, release, "no warning for the worker blocked after the doze");
            assertTrue("released".equals(h.join()));
        }
    }
}
