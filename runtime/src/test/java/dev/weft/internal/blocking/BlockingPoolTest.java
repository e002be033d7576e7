package dev.weft.internal.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.testing.Eventually;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BlockingPoolTest {
    private static BlockingPool pool(int max, Duration keepAlive, AtomicInteger started) {
        return new BlockingPool(max, keepAlive, r -> new Thread(r, "blocking-test"), n -> started.incrementAndGet());
    }

    @Test
    void growsToTheMaximumWhileWorkBlocksThenQueues() throws Exception {
        AtomicInteger started = new AtomicInteger();
        BlockingPool p = pool(4, Duration.ofSeconds(10), started);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(4);
        AtomicInteger done = new AtomicInteger();
        for (int i = 0; i < 10; i++) {
            p.execute(() -> {
                running.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                done.incrementAndGet();
            });
        }
        assertTrue(running.await(20, TimeUnit.SECONDS));
        assertEquals(4, p.threads());
        assertEquals(4, started.get());
        assertEquals(6, p.queued());
        release.countDown();
        p.shutdown();
        assertTrue(p.awaitTermination(Duration.ofSeconds(5)));
        assertEquals(10, done.get(), "queued work still runs after shutdown");
    }

    @Test
    void idleThreadsAreReused() throws Exception {
        // a keep-alive far beyond any stall: a second thread can only mean the idle one was not reused
        AtomicInteger started = new AtomicInteger();
        BlockingPool p = pool(8, Duration.ofMinutes(5), started);
        for (int round = 0; round < 20; round++) {
            CountDownLatch l = new CountDownLatch(1);
            p.execute(l::countDown);
            assertTrue(l.await(20, TimeUnit.SECONDS));
            Eventually.holds(() -> p.idleThreads() == 1, () -> "timed out waiting: " + "the thread went back to idle");
        }
        assertEquals(1, started.get(), "sequential work reuses the idle thread");
        p.shutdown();
        assertTrue(p.awaitTermination(Duration.ofSeconds(20)));
    }

    @Test
    void idleThreadsRetireAfterKeepAliveAndThePoolGrowsAgain() throws Exception {
        AtomicInteger started = new AtomicInteger();
        BlockingPool p = pool(8, Duration.ofMillis(50), started);
        CountDownLatch l = new CountDownLatch(1);
        p.execute(l::countDown);
        assertTrue(l.await(20, TimeUnit.SECONDS));
        Eventually.holds(() -> p.threads() == 0, () -> "timed out waiting: " + "the idle thread retired after its keep-alive");
        CountDownLatch again = new CountDownLatch(1);
        p.execute(again::countDown);
        assertTrue(again.await(20, TimeUnit.SECONDS), "a retired pool grows again");
        assertEquals(2, started.get(), "the second job needed a new thread");
        p.shutdown();
        assertThrows(RejectedExecutionException.class, () -> p.execute(() -> { }));
        assertTrue(p.awaitTermination(Duration.ofSeconds(20)));
    }

    /** Waits for an observable condition of the pool, failing with {@code what} after 20 s. */
    @Test
    void manySubmittersLoseNoJob() throws Exception {
        BlockingPool p = pool(3, Duration.ofMillis(50), new AtomicInteger());
        int perThread = 20_000;
        AtomicInteger ran = new AtomicInteger();
        Thread[] submitters = new Thread[4];
        for (int t = 0; t < submitters.length; t++) {
            submitters[t] = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    p.execute(ran::incrementAndGet);
                }
            });
            submitters[t].start();
        }
        for (Thread t : submitters) {
            t.join();
        }
        p.shutdown();
        assertTrue(p.awaitTermination(Duration.ofSeconds(20)));
        assertEquals(submitters.length * perThread, ran.get());
    }

    @Test
    void badConfigurationIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BlockingPool(0, Duration.ofSeconds(1), Thread::new, null));
        assertTrue(e.getMessage().contains("maxBlockingThreads must be at least 1"));
    }
}
