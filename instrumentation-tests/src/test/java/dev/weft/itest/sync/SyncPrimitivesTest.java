package dev.weft.itest.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.JoinHandle;
import dev.weft.Task;
import dev.weft.WeftRuntime;
import dev.weft.itest.runtime.SuspendedGate;
import dev.weft.sync.Barrier;
import dev.weft.sync.ChannelClosedException;
import dev.weft.sync.Mutex;
import dev.weft.sync.Notify;
import dev.weft.sync.OnceCell;
import dev.weft.sync.RwLock;
import dev.weft.sync.SendException;
import dev.weft.sync.Semaphore;
import dev.weft.sync.SemaphoreClosedException;
import dev.weft.sync.broadcast.LaggedException;
import dev.weft.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The sync primitives and channels with real coroutines on a two-worker runtime. A test that
 * needs a task queued waits until the runtime shows it suspended, never for a delay.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SyncPrimitivesTest {
    private WeftRuntime rt;
    private SuspendedGate tasks;

    @BeforeEach
    void start() {
        rt = WeftRuntime.multiThread().workerThreads(2).build();
        tasks = new SuspendedGate(rt);
    }

    @AfterEach
    void stop() {
        tasks.close();
        rt.close();
    }

    @Test
    void mutexIsFifoAndHeldAcrossAwaits() throws Exception {
        Mutex<List<Integer>> m = new Mutex<>(new ArrayList<>());
        List<Integer> order = rt.blockOn(() -> {
            Mutex.Guard<List<Integer>> first = m.lock();
            List<JoinHandle<Void>> hs = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                int id = i;
                hs.add(Task.spawn(() -> {
                    try (Mutex.Guard<List<Integer>> g = m.lock()) {
                        Task.yieldNow();                  // held across a suspension
                        g.get().add(id);
                    }
                    return null;
                }));
                tasks.awaitSuspended(hs.get(i)); // its first suspension is lock(): it is queued
            }
            first.close();
            for (JoinHandle<Void> h : hs) {
                h.join();
            }
            try (Mutex.Guard<List<Integer>> g = m.lock()) {
                return new ArrayList<>(g.get());
            }
        });
        assertEquals(List.of(0, 1, 2, 3, 4), order);
    }

    @Test
    void rwLockWriterNotStarvedAndSemaphoreCloses() throws Exception {
        RwLock<Integer> lock = new RwLock<>(0);
        Semaphore sem = new Semaphore(0);
        int v = rt.blockOn(() -> {
            RwLock.ReadGuard<Integer> r = lock.read();
            JoinHandle<Void> writer = Task.spawn(() -> {
                try (RwLock.WriteGuard<Integer> w = lock.write()) {
                    w.set(w.get() + 1);
                }
                return null;
            });
            tasks.awaitSuspended(writer);   // queued behind the reader
            assertNull(lock.tryRead(), "a queued writer blocks new readers");
            r.close();
            writer.join();
            JoinHandle<Semaphore.Permit> waiter = Task.spawn(() -> sem.acquire(2));
            tasks.awaitSuspended(waiter);   // waiting in acquire: the close must wake it, not refuse it
            assertTrue(!waiter.isFinished());
            sem.close();
            Exception e = assertThrows(Exception.class, waiter::join);
            assertTrue(e.getCause() instanceof SemaphoreClosedException, String.valueOf(e));
            try (RwLock.ReadGuard<Integer> g = lock.read()) {
                return g.get();
            }
        });
        assertEquals(1, v);
    }

    @Test
    void notifyStoresOnePermitAndWakesAll() throws Exception {
        Notify n = new Notify();
        int woken = rt.blockOn(() -> {
            n.notifyOne();
            n.notifyOne();
            n.await();                                       // the stored permit
            AtomicInteger count = new AtomicInteger();
            List<JoinHandle<Void>> hs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                hs.add(Task.spawn(() -> {
                    n.await();
                    count.incrementAndGet();
                    return null;
                }));
                // only one permit was stored: every later await must wait (a second stored
                // permit would let this task finish without suspending)
                tasks.awaitSuspended(hs.get(i));
            }
            assertEquals(0, count.get(), "two notifyOne calls stored one permit, not two");
            n.notifyWaiters();
            // bounded: a waiter that notifyWaiters left asleep fails the test instead of hanging it
            Time.timeout(Duration.ofSeconds(20), () -> {
                for (JoinHandle<Void> h : hs) {
                    h.join();
                }
                return null;
            });
            return count.get();
        });
        assertEquals(3, woken);
    }

    @Test
    void barrierHasOneLeaderPerRound() throws Exception {
        Barrier b = new Barrier(3);
        int leaders = rt.blockOn(() -> {
            List<JoinHandle<Integer>> hs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                hs.add(Task.spawn(() -> (b.await() ? 1 : 0) + (b.await() ? 1 : 0)));
            }
            int sum = 0;
            for (JoinHandle<Integer> h : hs) {
                sum += h.join();
            }
            return sum;
        });
        assertEquals(2, leaders);
    }

    @Test
    void onceCellRunsOneInitializerAndRetriesAfterFailure() throws Exception {
        OnceCell<String> cell = new OnceCell<>();
        AtomicInteger inits = new AtomicInteger();
        List<String> seen = rt.blockOn(() -> {
            assertThrows(IllegalStateException.class, () -> cell.getOrInit(() -> {
                Task.yieldNow();
                throw new IllegalStateException("first init fails");
            }));
            List<JoinHandle<String>> hs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                hs.add(Task.spawn(() -> cell.getOrInit(() -> {
                    inits.incrementAndGet();
                    Task.yieldNow();
                    return "v";
                })));
            }
            List<String> out = new ArrayList<>();
            for (JoinHandle<String> h : hs) {
                out.add(h.join());
            }
            return out;
        });
        assertEquals(List.of("v", "v", "v", "v"), seen);
        assertEquals(1, inits.get());
    }

    @Test
    void mpscClosingAndSendException() throws Exception {
        var ch = dev.weft.sync.mpsc.Channel.<Integer>bounded(2);
        var tx = ch.sender();
        var rx = ch.receiver();
        List<Integer> got = rt.blockOn(() -> {
            var tx2 = tx.copy();
            JoinHandle<Void> p = Task.spawn(() -> {
                try (tx2) {
                    for (int i = 0; i < 100; i++) {
                        tx2.send(i);                       // suspends while full
                    }
                }
                return null;
            });
            tx.close();
            List<Integer> out = new ArrayList<>();
            Integer v;
            while ((v = rx.recv()) != null) {
                out.add(v);
            }
            p.join();
            return out;
        });
        assertEquals(100, got.size());
        for (int i = 0; i < 100; i++) {
            assertEquals(i, got.get(i));
        }
        var ch2 = dev.weft.sync.mpsc.Channel.<String>unbounded();
        ch2.receiver().close();
        SendException e = assertThrows(SendException.class, () -> ch2.sender().trySend("lost?"));
        assertEquals("lost?", e.value());
    }

    @Test
    void oneshotBroadcastWatch() throws Exception {
        rt.blockOn(() -> {
            var once = dev.weft.sync.oneshot.Channel.<String>create();
            Task.spawn(() -> {
                Task.yieldNow();
                once.sender().send("one");
                return null;
            });
            assertEquals("one", once.receiver().recv());
            var dropped = dev.weft.sync.oneshot.Channel.<String>create();
            dropped.sender().close();
            assertThrows(ChannelClosedException.class, () -> dropped.receiver().recv());

            var b = dev.weft.sync.broadcast.Channel.<Integer>create(4);
            var slow = b.sender().subscribe();
            for (int i = 0; i < 10; i++) {
                b.sender().send(i);
            }
            LaggedException lag = assertThrows(LaggedException.class, slow::recv);
            assertEquals(6, lag.skipped());
            assertEquals(6, slow.recv());                  // continues with the oldest retained
            b.sender().close();
            List<Integer> rest = new ArrayList<>();
            Integer x;
            while ((x = slow.recv()) != null) {
                rest.add(x);
            }
            assertEquals(List.of(7, 8, 9), rest);

            var w = dev.weft.sync.watch.Channel.create("a");
            var wrx = w.receiver();
            JoinHandle<String> watcher = Task.spawn(() -> {
                wrx.changed();
                return wrx.borrowAndUpdate();
            });
            tasks.awaitSuspended(watcher);   // waiting in changed()
            w.sender().send("b");
            assertEquals("b", watcher.join());
            w.sender().close();
            assertThrows(ChannelClosedException.class, wrx::changed);
            return null;
        });
    }
}
