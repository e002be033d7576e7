package dev.weft.internal.sync;

import dev.weft.future.Poll;
import dev.weft.testing.PendingOperation;
import dev.weft.testing.WakeLedger;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

/**
 * Model checks {@link BatchSemaphore} under contention, cancellation and close, with recording
 * wakers. Operations take permits through every path (fast path, queue, hand-over) and either
 * give them back, cancel the request (queued, partially or fully assigned), or stay parked across
 * operations still waiting; {@code close} fails every waiter.
 *
 * <p>{@link #check()} at quiescence: every parked acquire that is now satisfied (assigned, or
 * closed out) had its newest waker called during the run (no lost wake-up, and a re-poll's waker
 * replaced the first); no waker was called by an operation that began after its acquire was
 * cancelled; a parked acquire still pending leaves no permit in the word (it would be stuck); and
 * after settling, permits are conserved with nobody queued. Inside the operations: the permits
 * held at once never exceed the initial count.
 */
@Param(name = "n", gen = IntGen.class, conf = "1:2")
public class SemaphoreLincheckTest {
    private static final int PERMITS = 2;
    private final BatchSemaphore sem = new BatchSemaphore(PERMITS);
    private final AtomicInteger held = new AtomicInteger();
    private final WakeLedger ledger = new WakeLedger();
    private final AtomicInteger ids = new AtomicInteger();
    private final List<Parked> parked = new CopyOnWriteArrayList<>();

    /** An acquire left waiting across operations, and the permits it asked for. */
    private static final class Parked {
        final PendingOperation<Boolean> op;
        final int n;

        Parked(PendingOperation<Boolean> op, int n) {
            this.op = op;
            this.n = n;
        }
    }

    private void hold(int n) {
        if (held.addAndGet(n) > PERMITS) {
            throw new IllegalStateException("more permits held than exist");
        }
        held.addAndGet(-n);
        sem.release(n);
    }

    private PendingOperation<Boolean> acquire(int n) {
        return new PendingOperation<>(ledger, "acquire#" + ids.incrementAndGet() + "(" + n + ")", sem.acquire(n));
    }

    /** Fast path only. */
    @Operation
    public void tryAcquire(@Param(name = "n") int n) {
        ledger.begin();
        if (sem.tryAcquire(n) == BatchSemaphore.TryAcquire.ACQUIRED) {
            hold(n);
        }
    }

    /** Poll twice (the second re-registers); use the permits if ready, else stay parked, waiting. */
    @Operation
    public void acquireOrPark(@Param(name = "n") int n) {
        ledger.begin();
        PendingOperation<Boolean> a = acquire(n);
        Poll<Boolean> p = a.pollTwice();
        if (p.isPending()) {
            parked.add(new Parked(a, n));
        } else if (p.value()) {
            hold(n);
        }
    }

    /** Poll twice, then use the permits if ready or cancel (queued, or assigned but not yet seen). */
    @Operation
    public void acquireOrCancel(@Param(name = "n") int n) {
        ledger.begin();
        PendingOperation<Boolean> a = acquire(n);
        Poll<Boolean> p = a.pollTwice();
        if (p.isPending()) {
            a.cancel();
        } else if (p.value()) {
            hold(n);
        }
    }

    @Operation
    public void close() {
        ledger.begin();
        sem.close();
    }

    @Validate
    public void check() {
        ledger.begin();
        ledger.check();
        if (!sem.isClosed() && sem.availablePermits() > 0 && sem.queuedWaiters() > 0) {
            throw new IllegalStateException("a waiter is stuck while " + sem.availablePermits()
                    + " permits are free");
        }
        for (Parked w : parked) {
            Poll<Boolean> p = w.op.settle();
            if (p.isPending()) {
                w.op.cancel();
            } else if (p.value()) {
                sem.release(w.n);
            }
        }
        if (sem.availablePermits() != PERMITS || sem.queuedWaiters() != 0) {
            throw new IllegalStateException("permits leaked: available " + sem.availablePermits()
                    + ", queued " + sem.queuedWaiters());
        }
    }

    @Test
    void modelCheck() {
        new ModelCheckingOptions()
                .iterations(10)
                .invocationsPerIteration(300)
                .threads(3)
                .actorsPerThread(2)
                .actorsBefore(0)
                .actorsAfter(0)
                .check(SemaphoreLincheckTest.class);
    }
}
