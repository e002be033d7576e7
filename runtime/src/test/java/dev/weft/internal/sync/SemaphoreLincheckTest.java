package dev.weft.internal.sync;

import dev.weft.future.Poll;
import dev.weft.future.Waker;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.Validate;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.junit.jupiter.api.Test;

/**
 * Model checks {@link BatchSemaphore} under contention and cancellation: every operation takes
 * permits through some path (fast path, queue, hand-over), and either gives them back or
 * abandons the request (queued, partially assigned or fully assigned). Permits must be conserved
 * and no waiter left queued: {@link #check()} requires the initial count and an empty queue. A
 * second check inside the operations: the permits held at once never exceed the initial count.
 */
@Param(name = "n", gen = IntGen.class, conf = "1:2")
public class SemaphoreLincheckTest {
    private static final int PERMITS = 2;
    private final BatchSemaphore sem = new BatchSemaphore(PERMITS);
    private final java.util.concurrent.atomic.AtomicInteger held = new java.util.concurrent.atomic.AtomicInteger();

    private void hold(int n) {
        if (held.addAndGet(n) > PERMITS) {
            throw new IllegalStateException("more permits held than exist");
        }
        held.addAndGet(-n);
        sem.release(n);
    }

    /** Fast path only. */
    @Operation
    public void tryAcquire(@Param(name = "n") int n) {
        if (sem.tryAcquire(n) == BatchSemaphore.TryAcquire.ACQUIRED) {
            hold(n);
        }
    }

    /** Poll once; use the permits if ready, else cancel while queued. */
    @Operation
    public void acquireOrCancel(@Param(name = "n") int n) {
        BatchSemaphore.Acquire a = sem.acquire(n);
        if (a.poll(Waker.NOOP).isReady()) {
            hold(n);
        } else {
            a.abandon();
        }
    }

    /** Poll twice (the second may find the permits assigned), then use them or cancel. */
    @Operation
    public void acquirePollTwiceOrCancel(@Param(name = "n") int n) {
        BatchSemaphore.Acquire a = sem.acquire(n);
        Poll<Boolean> p = a.poll(Waker.NOOP);
        if (p.isPending()) {
            p = a.poll(Waker.NOOP);
        }
        if (p.isReady()) {
            hold(n);
        } else {
            a.abandon();
        }
    }

    @Validate
    public void check() {
        if (sem.availablePermits() != PERMITS || sem.queuedWaiters() != 0) {
            throw new IllegalStateException("permits leaked: available " + sem.availablePermits()
                    + ", queued " + sem.queuedWaiters());
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
                .check(SemaphoreLincheckTest.class);
    }
}
