package dev.weft.internal.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.internal.time.PausedClock;
import dev.weft.internal.time.SleepEntry;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The hand-off of the {@link Driver} between idle workers: at most one thread holds it at a time
 * (model checked, and under real threads that park in it and turn it), and a
 * {@link Driver#wakeup()} from another thread ends the holder's park, whether it comes before
 * the holder reaches its selector or while it waits in it: the park here is bounded by a timer an
 * hour ahead on a paused clock, so only the wake-up can end it (the JUnit timeout is a hang guard).
 */
class DriverHandOffTest {
    private static Driver shared;

    @BeforeAll
    static void openShared() {
        shared = new Driver(new PausedClock());
    }

    @AfterAll
    static void closeShared() {
        shared.close();
    }

    /**
     * Lincheck operations: each takes the shared driver if it can and counts the holders while
     * it has it (one selector for all invocations: the driver is left released after each).
     */
    public static final class HandOff {
        private final AtomicInteger holders = new AtomicInteger();

        @Operation
        public void turn() {
            if (shared.tryAcquire()) {
                if (holders.incrementAndGet() != 1) {
                    throw new IllegalStateException("two threads hold the driver");
                }
                holders.decrementAndGet();
                shared.release();
            }
        }

        @Validate
        public void check() {
            if (!shared.tryAcquire()) {
                throw new IllegalStateException("the driver is still held after every holder released it");
            }
            shared.release();
        }
    }

    @Test
    void atMostOneHolderModelCheck() {
        new ModelCheckingOptions()
                .iterations(10)
                .invocationsPerIteration(200)
                .threads(3)
                .actorsPerThread(2)
                .actorsBefore(0)
                .actorsAfter(0)
                .check(HandOff.class);
    }

    /**
     * Real threads take turns: a holder either turns the driver without waiting or parks in it
     * with no timer (no timeout at all); threads that find it held send a wake-up, as a worker
     * does for a paused clock, so every park ends. Threads that finished their rounds keep
     * waking until all have finished, so a lost wake-up hangs the test.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void holdersParkAndTurnOneAtATime() throws Exception {
        int threads = 4;
        int rounds = 400;
        AtomicInteger holders = new AtomicInteger();
        AtomicInteger acquisitions = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        AtomicReference<String> failure = new AtomicReference<>();
        try (Driver driver = new Driver(new PausedClock())) {
            Thread[] ts = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                int id = t;
                ts[t] = new Thread(() -> {
                    for (int r = 0; r < rounds; r++) {
                        if (driver.tryAcquire()) {
                            if (holders.incrementAndGet() != 1) {
                                failure.compareAndSet(null, "two threads held the driver at once");
                            }
                            acquisitions.incrementAndGet();
                            if ((r + id) % 2 == 0) {
                                driver.park(false);
                            } else {
                                driver.turnNow();
                            }
                            holders.decrementAndGet();
                            driver.release();
                        } else {
                            driver.wakeup();
                        }
                        Thread.yield();
                    }
                    finished.incrementAndGet();
                    while (finished.get() < threads) {
                        driver.wakeup();
                        Thread.yield();
                    }
                }, "driver-hand-off-" + t);
                ts[t].start();
            }
            for (Thread t : ts) {
                t.join();
            }
            assertEquals(null, failure.get());
            assertTrue(acquisitions.get() > 0);
            assertTrue(driver.tryAcquire(), "released after the last holder");
            driver.release();
        }
    }

    /**
     * The holder parks with a timer an hour ahead on a paused clock; another thread wakes it,
     * in half of the rounds only once the holder's stack shows it inside the selector. Each park
     * must end, with the timer still pending and the clock where it was.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aWakeUpEndsAParkWithALongTimeout() throws Exception {
        PausedClock clock = new PausedClock();
        try (Driver driver = new Driver(clock)) {
            SleepEntry hour = new SleepEntry(driver.time(), driver.time().deadlineAfter(TimeUnit.HOURS.toNanos(1)));
            assertTrue(hour.poll(() -> { }).isPending());
            // the wheel may answer a slot boundary before the hour (a lower bound), still far beyond the hang guard
            long timeout = driver.time().nanosUntilNext();
            assertTrue(timeout > TimeUnit.MINUTES.toNanos(30) && timeout <= TimeUnit.HOURS.toNanos(1), "park timeout " + timeout);
            // the registration was earlier than "no timer": its callback left a wake-up in the
            // selector; a turn without waiting consumes it, so each park below starts clean
            assertTrue(driver.tryAcquire());
            driver.turnNow();
            driver.release();
            Thread holder = Thread.currentThread();
            int rounds = 60;
            int inSelect = 0;
            for (int r = 0; r < rounds; r++) {
                assertTrue(driver.tryAcquire());
                CountDownLatch aboutToPark = new CountDownLatch(1);
                boolean waitForSelect = r % 2 == 0;
                AtomicBoolean sent = new AtomicBoolean();
                AtomicBoolean returned = new AtomicBoolean();
                AtomicBoolean sawSelect = new AtomicBoolean();
                Thread waker = new Thread(() -> {
                    try {
                        aboutToPark.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (waitForSelect) {
                        // bounded by the hang guard: the holder reaches its selector (or returned on its own)
                        while (!inSelector(holder) && !returned.get()) {
                            Thread.onSpinWait();
                        }
                        sawSelect.set(!returned.get());
                    }
                    sent.set(true);
                    driver.wakeup();
                }, "driver-waker-" + r);
                waker.start();
                aboutToPark.countDown();
                driver.park(false);
                returned.set(true);
                boolean woken = sent.get();
                driver.release();
                waker.join();
                assertTrue(woken, "round " + r + ": the park returned before any wake-up was sent");
                if (sawSelect.get()) {
                    inSelect++;
                }
            }
            assertEquals(rounds / 2, inSelect, "half of the wake-ups came while the holder was in its selector");
            assertEquals(PausedClock.START, clock.nanoTime(), "the clock did not move");
            assertEquals(1, driver.time().pending(), "the hour's timer is still pending");
        }
    }

    private static boolean inSelector(Thread t) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().startsWith("sun.nio.ch.") && e.getMethodName().equals("doSelect")) {
                return true;
            }
        }
        return false;
    }
}
