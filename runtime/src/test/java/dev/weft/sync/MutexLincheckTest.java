package dev.weft.sync;

import dev.weft.future.Awaitable;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

/**
 * Model checks {@link Mutex} under contention and cancellation: lockers take the lock by
 * {@code tryLock}, by a queued lock that completes, or cancel while queued or after the lock was
 * handed to them. Mutual exclusion is checked inside the critical section; at the end the lock must
 * be free with nobody queued and the counter equal to the number of critical sections entered.
 */
public class MutexLincheckTest {
    private final Mutex<int[]> mutex = new Mutex<>(new int[1]);
    private final AtomicInteger inside = new AtomicInteger();
    private final AtomicInteger entered = new AtomicInteger();

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

    @Operation
    public void tryLock() {
        Mutex.Guard<int[]> g = mutex.tryLock();
        if (g != null) {
            critical(g);
        }
    }

    @Operation
    public void lockOrCancel() {
        Awaitable<Mutex.Guard<int[]>> l = mutex.lockAwaitable();
        Poll<Mutex.Guard<int[]>> p = l.poll(Waker.NOOP);
        if (p.isPending()) {
            p = l.poll(Waker.NOOP);
        }
        if (p.isReady()) {
            critical(p.value());
        } else {
            l.abandon();
        }
    }

    @Validate
    public void check() {
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
                .invocationsPerIteration(500)
                .threads(3)
                .actorsPerThread(2)
                .actorsBefore(0)
                .actorsAfter(0)
                .check(MutexLincheckTest.class);
    }
}
