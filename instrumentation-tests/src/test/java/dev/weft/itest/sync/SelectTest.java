package dev.weft.itest.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Coroutine;
import dev.weft.CoroutineFuture;
import dev.weft.Select;
import dev.weft.Task;
import dev.weft.WeftRuntime;
import dev.weft.future.Awaitable;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.sync.Notify;
import dev.weft.sync.mpsc.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** {@link Select} and {@link CoroutineFuture} with real coroutines. */
class SelectTest {
    /**
     * A hand-written timer source: ticks are added by a thread, and each {@link #next()} future
     * takes one (only in the poll that completes it, so a losing tick future consumes nothing).
     */
    static final class Ticker {
        final AtomicLong pending = new AtomicLong();
        final AtomicReference<Waker> waiter = new AtomicReference<>();

        void tick() {
            pending.incrementAndGet();
            Waker w = waiter.getAndSet(null);
            if (w != null) {
                w.wake();
            }
        }

        Awaitable<Long> next() {
            return waker -> {
                if (take()) {
                    return Poll.ready(1L);
                }
                waiter.set(waker);
                return take() ? Poll.ready(1L) : Poll.pending();
            };
        }

        private boolean take() {
            long p;
            while ((p = pending.get()) > 0) {
                if (pending.compareAndSet(p, p - 1)) {
                    return true;
                }
            }
            return false;
        }
    }

    @Test
    void loserFinallyRunsAndBiasedPrefersFirst() throws Exception {
        List<String> log = new ArrayList<>();
        Notify never = new Notify();
        String r = Coroutine.blockOn(() -> Select.<String>random()
                .onCall(() -> {
                    try {
                        never.await();
                        return "never";
                    } finally {
                        log.add("loser finally");
                    }
                }, v -> v)
                .onCall(() -> {
                    Async.await(CompletableFuture.supplyAsync(() -> "x", CompletableFuture.delayedExecutor(5, TimeUnit.MILLISECONDS)));
                    return "winner";
                }, v -> v + "!")
                .await());
        assertEquals("winner!", r);
        assertEquals(List.of("loser finally"), log);

        Notify a = new Notify();
        Notify b = new Notify();
        a.notifyOne();
        b.notifyOne();
        int first = Coroutine.blockOn(() -> Select.<Integer>biased()
                .on(a.notified(), x -> 1)
                .on(b.notified(), x -> 2)
                .await());
        assertEquals(1, first);
        int second = Coroutine.blockOn(() -> Select.<Integer>biased()
                .on(a.notified(), x -> 1)
                .on(b.notified(), x -> 2)
                .await());
        assertEquals(2, second, "b's stored permit was not consumed by the losing branch");
    }

    @Test
    void branchFailurePropagatesAfterCleanup() {
        AtomicInteger cleaned = new AtomicInteger();
        Notify never = new Notify();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Coroutine.blockOn(() -> Select.<Integer>random()
                .onCall(() -> {
                    try {
                        never.await();
                        return 0;
                    } finally {
                        cleaned.incrementAndGet();
                    }
                }, v -> v)
                .<Integer>onCall(() -> {
                    Task.yieldNow();
                    throw new IllegalStateException("boom");
                }, v -> v)
                .await()));
        assertEquals("boom", e.getMessage());
        assertTrue(cleaned.get() <= 1);
    }

    /**
     * The event-loop shape: a channel receive, a timer and a shutdown signal, 100,000 iterations,
     * exact counts. The shutdown branch is disabled once it fired (Tokio's {@code , if cond}); the
     * loop then drains the remaining messages and ticks.
     */
    @Test
    void selectLoopWithThreeSourcesExactCounts() throws Exception {
        int messages = 60_000;
        int ticks = 39_999;
        int iterations = messages + ticks + 1;
        Channel<Integer> ch = Channel.bounded(16);
        Ticker ticker = new Ticker();
        Notify shutdown = new Notify();
        long[] counts = new long[3];
        try (WeftRuntime rt = WeftRuntime.multiThread().workerThreads(2).build()) {
            rt.spawn(() -> {
                try (var tx = ch.sender()) {
                    for (int i = 0; i < messages; i++) {
                        tx.send(i);
                    }
                }
                shutdown.notifyOne();
                return null;
            });
            Thread ticks0 = new Thread(() -> {
                for (int i = 0; i < ticks; i++) {
                    ticker.tick();
                    if ((i & 255) == 0) {
                        Thread.yield();
                    }
                }
            });
            ticks0.start();
            int loops = rt.blockOn(() -> {
                int n = 0;
                int expectNext = 0;
                boolean shut = false;
                while (n < iterations) {
                    Select<Integer> s = Select.<Integer>random();
                    if (counts[0] < messages) {
                        // once every message arrived the sender closes; a closed channel is
                        // always ready (with null), so stop listening to it, as a real loop would
                        s.on(ch.receiver().recvAwaitable(), m -> m == null ? -1 : m);
                    }
                    s.on(ticker.next(), t -> -2);
                    if (!shut) {
                        s.on(shutdown.notified(), x -> -3);
                    }
                    int r = s.await();
                    if (r >= 0) {
                        if (r != expectNext) {
                            throw new AssertionError("message " + r + " out of order, expected " + expectNext);
                        }
                        expectNext++;
                        counts[0]++;
                    } else if (r == -2) {
                        counts[1]++;
                    } else if (r == -3) {
                        shut = true;
                        counts[2]++;
                    } else {
                        throw new AssertionError("channel closed after " + counts[0] + " messages");
                    }
                    n++;
                }
                return n;
            });
            ticks0.join();
            assertEquals(iterations, loops);
        }
        assertEquals(messages, counts[0]);
        assertEquals(ticks, counts[1]);
        assertEquals(1, counts[2]);
    }

    @Test
    void coroutineFutureOnExecutorAndRuntime() throws Exception {
        ExecutorService ex = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<Integer> f = CoroutineFuture.start(() -> {
                int a = Async.await(CompletableFuture.supplyAsync(() -> 20));
                return a + Async.await(CompletableFuture.supplyAsync(() -> 22));
            }, ex);
            assertEquals(42, f.get(5, TimeUnit.SECONDS));
            CompletableFuture<Integer> never = new CompletableFuture<>();
            CountDownLatch cleaned = new CountDownLatch(1);
            CompletableFuture<Integer> g = CoroutineFuture.start(() -> {
                try {
                    return Async.await(never);
                } finally {
                    cleaned.countDown();
                }
            }, ex);
            // the body is waiting once its continuation is registered on the future
            long bound = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (never.getNumberOfDependents() == 0) {
                assertTrue(System.nanoTime() - bound < 0, "the body never awaited");
                LockSupport.parkNanos(200_000); // re-check the condition; no decision rests on this pause
            }
            assertTrue(g.cancel(true));
            assertTrue(cleaned.await(20, TimeUnit.SECONDS), "the cancelled body's finally ran");
        } finally {
            ex.shutdownNow();
        }
        try (WeftRuntime rt = WeftRuntime.multiThread().workerThreads(2).build()) {
            CompletableFuture<String> h = CoroutineFuture.spawn(rt, () -> {
                Task.yieldNow();
                return "task";
            });
            assertEquals("task", h.get(5, TimeUnit.SECONDS));
        }
    }
}
