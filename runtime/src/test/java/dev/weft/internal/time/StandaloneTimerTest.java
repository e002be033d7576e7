package dev.weft.internal.time;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The timer outside any runtime: its thread fires deadlines, is a daemon, and waits between them. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StandaloneTimerTest {
    private static Thread timerThread() {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("weft-standalone-timer")) {
                return t;
            }
        }
        return null;
    }

    @Test
    void itsThreadFiresADeadlineAndThenWaitsAsADaemon() throws Exception {
        TimeDriver driver = StandaloneTimer.driver();
        CountDownLatch woken = new CountDownLatch(1);
        SleepEntry e = new SleepEntry(driver, driver.deadlineAfter(TimeUnit.MILLISECONDS.toNanos(1)));
        if (e.poll(woken::countDown).isPending()) {
            assertTrue(woken.await(20, TimeUnit.SECONDS), "the standalone timer fired the sleep");
        }
        assertTrue(e.poll(() -> { }).isReady());
        Thread t = timerThread();
        assertNotNull(t, "the standalone timer runs a thread");
        assertTrue(t.isDaemon(), "the standalone timer must not keep the JVM alive");
        // with nothing due it parks: a thread that spun instead would stay RUNNABLE
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        Thread.State s;
        while ((s = t.getState()) != Thread.State.TIMED_WAITING && s != Thread.State.WAITING) {
            assertTrue(System.nanoTime() < giveUp, "the timer thread never waited; it is " + s);
            Thread.onSpinWait();
        }
    }
}
