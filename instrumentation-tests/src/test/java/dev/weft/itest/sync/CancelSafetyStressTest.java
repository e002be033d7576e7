package dev.weft.itest.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.weft.JoinHandle;
import dev.weft.Task;
import dev.weft.WeftRuntime;
import dev.weft.sync.Mutex;
import dev.weft.sync.Semaphore;
import dev.weft.sync.mpsc.Channel;
import dev.weft.sync.mpsc.Receiver;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cancel safety under contention: receivers, lockers and acquirers are aborted at random while
 * they wait; no message is lost or duplicated, no lock or permit is left behind, nothing hangs.
 * Scale with {@code -Dweft.stress.multiplier}.
 */
class CancelSafetyStressTest {
    private static final int MULT = Integer.getInteger("weft.stress.multiplier", 1);
    private WeftRuntime rt;

    @BeforeEach
    void start() {
        rt = WeftRuntime.multiThread().workerThreads(2).build();
    }

    @AfterEach
    void stop() {
        rt.close();
    }

    @Test
    void abortedReceiversLoseNoMessage() throws Exception {
        int producers = 4;
        int perProducer = 5_000 * MULT;
        Channel<Integer> ch = Channel.bounded(8);
        Receiver<Integer> rx = ch.receiver();
        BitSet seen = new BitSet();
        AtomicInteger dups = new AtomicInteger();
        rt.blockOn(() -> {
            List<JoinHandle<Void>> ps = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                var tx = ch.sender().copy();
                int base = p * perProducer;
                ps.add(Task.spawn(() -> {
                    try (tx) {
                        for (int i = 0; i < perProducer; i++) {
                            tx.send(base + i);
                        }
                    }
                    return null;
                }));
            }
            ch.sender().close();
            boolean ended = false;
            while (!ended) {
                // one receiving task at a time (single consumer); abort it after a random short while
                JoinHandle<Boolean> r = Task.spawn(() -> {
                    Integer v;
                    while ((v = rx.recv()) != null) {
                        synchronized (seen) {
                            if (seen.get(v)) {
                                dups.incrementAndGet();
                            }
                            seen.set(v);
                        }
                    }
                    return true;
                });
                for (int k = ThreadLocalRandom.current().nextInt(3); k > 0; k--) {
                    Task.yieldNow();
                }
                r.abort();
                try {
                    ended = r.join();
                } catch (dev.weft.future.CancelledException e) {
                    ended = false;
                }
            }
            for (JoinHandle<Void> p : ps) {
                p.join();
            }
            return null;
        });
        assertEquals(0, dups.get());
        assertEquals(producers * perProducer, seen.cardinality());
    }

    @Test
    void abortedLockersAndAcquirersLeaveNothingBehind() throws Exception {
        Mutex<int[]> m = new Mutex<>(new int[1]);
        Semaphore sem = new Semaphore(3);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger completed = new AtomicInteger();
        int rounds = 200 * MULT;
        rt.blockOn(() -> {
            for (int round = 0; round < rounds; round++) {
                List<JoinHandle<Void>> hs = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int n = 1 + (t % 3);
                    hs.add(Task.spawn(() -> {
                        try (Mutex.Guard<int[]> g = m.lock()) {
                            Task.yieldNow();
                            g.get()[0]++;
                        }
                        try (Semaphore.Permit p = sem.acquire(n)) {
                            if (inside.addAndGet(n) > 3) {
                                throw new AssertionError("more than 3 permits out");
                            }
                            try {
                                Task.yieldNow();   // an abort lands here too: the count must still drop
                            } finally {
                                inside.addAndGet(-n);
                            }
                        }
                        completed.incrementAndGet();
                        return null;
                    }));
                }
                Task.yieldNow();
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                for (JoinHandle<Void> h : hs) {
                    if (rnd.nextInt(3) == 0) {
                        h.abort();
                    }
                }
                for (JoinHandle<Void> h : hs) {
                    try {
                        h.join();
                    } catch (dev.weft.future.CancelledException expected) {
                        // aborted while waiting or holding
                    }
                }
            }
            return null;
        });
        Mutex.Guard<int[]> g = m.tryLock();
        assertNotNull(g, "the mutex was left locked");
        g.close();
        assertEquals(3, sem.availablePermits(), "permits leaked");
        assertEquals(0, inside.get());
    }
}
