package dev.weft.internal.scheduler;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Parker}: an unpark is remembered, a timed park waits at least its time and leaves no
 * state behind when it times out. The waits checked are lower bounds only (a stalled machine makes
 * them longer, never shorter).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ParkerTest {
    private static final long WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(30);

    private static long timedPark(Parker p) {
        long start = System.nanoTime();
        p.parkNanos(WAIT_NANOS);
        return System.nanoTime() - start;
    }

    @Test
    void anUnparkBeforeTheParkIsRemembered() {
        Parker p = new Parker(Thread.currentThread());
        p.unpark();
        p.park(); // returns at once; a lost unpark would hang here until the class timeout
        assertFalse(p.tryConsume(), "the unpark was consumed by the park");
        p.unpark();
        assertTrue(p.tryConsume());
        assertFalse(p.tryConsume());
    }

    @Test
    void aTimedParkWithoutUnparkWaitsItsTime() {
        Parker p = new Parker(Thread.currentThread());
        long waited = timedPark(p);
        assertTrue(waited >= WAIT_NANOS, "returned after " + waited + " ns, before its " + WAIT_NANOS);
    }

    @Test
    void aTimedOutParkLeavesNothingBehind() {
        Parker p = new Parker(Thread.currentThread());
        timedPark(p);
        // the second park must wait again: a timeout that left the parker marked PARKED would
        // read as a pending unpark here and return at once
        long waited = timedPark(p);
        assertTrue(waited >= WAIT_NANOS, "the park after a timeout returned after " + waited + " ns");
        assertFalse(p.tryConsume(), "no unpark came, none may be pending");
        p.unpark();
        assertTrue(p.tryConsume(), "an unpark after a timeout is remembered");
    }

    @Test
    void anUnparkFromAnotherThreadEndsAnUntimedPark() throws Exception {
        Parker p = new Parker(null);
        CountDownLatch parked = new CountDownLatch(1);
        CountDownLatch returned = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            parked.countDown();
            p.park();
            returned.countDown();
        }, "parker-test-owner");
        t.setDaemon(true);
        t.start();
        parked.await();
        p.unpark(); // before or after the owner parked: either way it returns
        assertTrue(returned.await(20, TimeUnit.SECONDS), "the unparked owner returned");
        t.join();
    }
}
