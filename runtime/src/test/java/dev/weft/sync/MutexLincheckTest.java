package dev.weft.sync;

import dev.weft.future.Poll;
import dev.weft.testing.PendingOperation;
import dev.weft.testing.WakeLedger;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

/**
 * Model checks {@link Mutex} under contention and cancellation, with recording wakers: lockers
 * take the lock by {@code tryLock}, by a queued lock that completes, cancel while queued or after
 * the lock was handed to them, or stay parked across operations still waiting (holding the lock
 * once it is handed over, so later lockers queue behind). Mutual exclusion is checked inside the
 * critical section.
 *
 * <p>{@link #check()} at quiescence: no waker was called by an operation that began after its
 * lock was cancelled; each parked lock now granted had its newest waker called (the hand-over
 * woke it); and once every parked locker ran its critical
 * section or gave up, the lock is free and the counter equals the number of critical sections.
 */
public class MutexLincheckTest {
    private final Mutex<int[]> mutex = new Mutex<>(new int[1]);
    private final AtomicInteger inside = new AtomicInteger();
    private final AtomicInteger entered = new AtomicInteger();
    private final WakeLedger ledger = new WakeLedger();
    private final AtomicInteger ids = new AtomicInteger();
    private final List<PendingOperation<Mutex.Guard<int[]>>> parked = new CopyOnWriteArrayList<>();

    private void critical(Mutex.Guard<int[]> g) {
        try (g) {
            if (inside.incrementAndGet() != 1) {
                throw new IllegalStateException("two holders of the mutex at once");
            }
            g.get()[0]++;
            entered.incrementAndGet();
            inside.decrementAndGet();
        }
    }

    private PendingOperation<Mutex.Guard<int[]>> lock() {
        return new PendingOperation<>(ledger, "lock#" + ids.incrementAndGet(), mutex.lockAwaitable());
    }

    @Operation
    public void tryLock() {
        ledger.begin();
        Mutex.Guard<int[]> g = mutex.tryLock();
        if (g != null) {
            critical(g);
        }
    }

    @Operation
    public void lockOrCancel() {
        ledger.begin();
        PendingOperation<Mutex.Guard<int[]>> l = lock();
        Poll<Mutex.Guard<int[]>> p = l.pollTwice();
        if (p.isReady()) {
            critical(p.value());
        } else {
            l.cancel();
        }
    }

    @Operation
    public void lockOrPark() {
        ledger.begin();
        PendingOperation<Mutex.Guard<int[]>> l = lock();
        Poll<Mutex.Guard<int[]>> p = l.pollTwice();
        if (p.isReady()) {
            critical(p.value());
        } else {
            parked.add(l);
        }
    }

    @Validate
    public void check() {
        ledger.begin();
        ledger.check();
        // each granted locker runs its critical section; its unlock hands over to the next one
        // queued, which must be woken before its own settle
        for (PendingOperation<Mutex.Guard<int[]>> l : parked) {
            Poll<Mutex.Guard<int[]>> p = l.settle();
            if (p.isReady()) {
                critical(p.value());
            } else {
                l.cancel();
            }
        }
        Mutex.Guard<int[]> g = mutex.tryLock();
        if (g == null) {
            throw new IllegalStateException("the mutex was left locked");
        }
        try (g) {
            if (g.get()[0] != entered.get()) {
                throw new IllegalStateException("lost update: " + g.get()[0] + " != " + entered.get());
            }
        }
    }

    @Test
    void modelCheck() {
        new ModelCheckingOptions()
                .iterations(10)
                .invocationsPerIteration(250)
                .threads(3)
                .actorsPerThread(2)
                .actorsBefore(0)
                .actorsAfter(0)
                .check(MutexLincheckTest.class);
    }
}
