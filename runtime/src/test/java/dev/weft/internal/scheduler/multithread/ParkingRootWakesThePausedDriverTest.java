package dev.weft.internal.scheduler.multithread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Awaitable;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.internal.scheduler.Driver;
import dev.weft.internal.scheduler.RuntimeCore;
import dev.weft.internal.time.PausedClock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A {@code blockOn} root that parks on a paused clock wakes the driver, so a holder that found
 * "not every task idle" while the root ran looks again instead of waiting in real time.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ParkingRootWakesThePausedDriverTest {
    @Test
    void aRootThatParksOnAPausedClockWakesTheDriver() throws Exception {
        AtomicInteger wakeups = new AtomicInteger();
        Driver driver = new Driver(new PausedClock()) {
            @Override
            public void wakeup() {
                wakeups.incrementAndGet();
                super.wakeup();
            }
        };
        // one worker: it holds the driver itself, so nothing but the root wakes it here
        RuntimeCore core = new RuntimeCore(FailingDriverTest.config(1), driver, MultiThreadScheduler::new);
        try {
            AtomicReference<Waker> rootWaker = new AtomicReference<>();
            AtomicInteger beforePark = new AtomicInteger(-1);
            CountDownLatch pending = new CountDownLatch(1);
            Thread opener = new Thread(() -> {
                try {
                    pending.await();
                    // the root's park is what wakes the driver; give up after a bound (the failure below says why)
                    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                    while (wakeups.get() <= beforePark.get() && System.nanoTime() - giveUp < 0) {
                        Thread.onSpinWait();
                    }
                } catch (InterruptedException e) {
                    return;
                }
                rootWaker.get().wake();
            }, "parking-root-opener");
            opener.setDaemon(true);
            opener.start();
            String v = core.blockOn(new Awaitable<String>() {
                private boolean waited;

                @Override
                public Poll<String> poll(Waker w) {
                    if (waited) {
                        return Poll.ready("woken");
                    }
                    waited = true;
                    beforePark.set(wakeups.get());
                    rootWaker.set(w);
                    pending.countDown();
                    return Poll.pending();
                }
            });
            assertEquals("woken", v);
            assertTrue(wakeups.get() > beforePark.get(), "the root parked without waking the paused clock's driver");
        } finally {
            core.close();
        }
    }
}
