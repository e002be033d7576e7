package dev.weft;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Poll;
import dev.weft.internal.jfr.PollWatchdog;
import dev.weft.testing.Eventually;
import java.time.Duration;
import java.util.Map;
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

    /**
     * Spawns a task that holds its worker in {@link #holdTheWorker} until {@code release}, waits
     * for the warning about it, then releases it. The log handler is in place before the spawn:
     * the warning comes once, and may come before the spawning thread runs again.
     *
     * @return the held task's handle and the warning's text
     */
    private static Map.Entry<JoinHandle<String>, String> holdUntilWarned(WeftRuntime rt, String failure)
            throws InterruptedException {
        Logger jul = Logger.getLogger("dev.weft.runtime");
        CountDownLatch release = new CountDownLatch(1);
        Capture capture = new Capture("holdTheWorker");
        jul.addHandler(capture);
        JoinHandle<String> h;
        try {
            h = rt.spawn(w -> {
                try {
                    return holdTheWorker(release);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertTrue(capture.seen.await(30, TimeUnit.SECONDS), failure);
        } finally {
            jul.removeHandler(capture);
            release.countDown();
        }
        return Map.entry(h, capture.first.get());
    }

    @Test
    void aTaskThatBlocksItsWorkerIsReportedWithItsNameAndStack() throws Exception {
        try (WeftRuntime rt = WeftRuntime.multiThread().workerThreads(1).longPollThreshold(Duration.ofMillis(1)).build()) {
            Map.Entry<JoinHandle<String>, String> held = holdUntilWarned(rt, "no warning for the blocked worker");
            JoinHandle<String> h = held.getKey();
            String m = held.getValue();
            assertTrue(m.contains("task-" + h.id() + " "), m);
            assertTrue(m.contains("without awaiting"), m);
            assertTrue(m.contains("holdTheWorker"), m);
            assertTrue(m.contains("java.util.concurrent.CountDownLatch.await"), m);
            assertTrue("released".equals(h.join()));
        }
    }

    @Test
    void aWatchdogThatDozedOnAnIdleRuntimeStillReportsTheNextBlockedWorker() throws Exception {
        try (WeftRuntime rt = WeftRuntime.multiThread().workerThreads(1).longPollThreshold(Duration.ofMillis(1)).build()) {
            Capture anyWarning = new Capture("");
            Logger jul = Logger.getLogger("dev.weft.runtime");
            jul.addHandler(anyWarning);
            try {
                rt.spawn(w -> Poll.ready("quick")).join();   // starts the watchdog
                // idle now: the watchdog stops ticking every half threshold (observable state, no
                // sleep decides). It logs on its own thread before it dozes, so a warning about the
                // warm-up poll, if any, has reached the handler by then
                Eventually.holds(() -> rt.core().watchdog().dozing(), () -> "the watchdog of an idle runtime never dozed");
            } finally {
                jul.removeHandler(anyWarning);
            }
            if (anyWarning.first.get() != null) {
                // the warm-up poll itself ran past the 1 ms threshold (class loading, a GC pause)
                // and its warning opened the runtime's interval: let the interval pass, or the
                // held task's warning would only be counted. A lower bound, not a race.
                Thread.sleep(TimeUnit.SECONDS.toMillis(PollWatchdog.WARNING_INTERVAL_SECONDS) + 100);
                Eventually.holds(() -> rt.core().watchdog().dozing(), () -> "the watchdog of an idle runtime never dozed");
            }
            Map.Entry<JoinHandle<String>, String> held =
                    holdUntilWarned(rt, "no warning for the worker blocked after the doze");
            assertTrue(held.getValue().contains("task-" + held.getKey().id() + " "), held.getValue());
            assertTrue("released".equals(held.getKey().join()));
        }
    }
}
