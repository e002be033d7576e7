package dev.weft.internal.scheduler.multithread;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * The idle protocol's hand-off between a producer and the last searching worker ({@link Idle},
 * "Memory ordering"): the producer pushes a task to its local queue, then asks whether a parked
 * worker must be woken; the last searcher records that it parks, then looks at the queues again.
 * One of the two must see the other. The producer's push is a release store, which x86 lets a
 * later load pass unless a full fence stands between them: without it the producer could read
 * "someone is searching" while the searcher, already parking, still saw an empty queue, and the
 * task would wait with every worker parked.
 *
 * <p>Two workers: worker 1 is parked from the start, worker 0 is the one searcher.
 */
@JCStressTest
@Description("A push followed by a notify check, racing the last searcher parking: one of them sees the other")
@Outcome(id = "0, 0", expect = FORBIDDEN, desc = "lost wake-up: no worker notified and the parking searcher saw no task")
@Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "the producer notified a parked worker")
@Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "the last searcher found the task before parking")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "both")
@State
public class ParkOrNotifyStress {
    private static final Object TASK = new Object();
    /** A 256-slot queue never overflows with one task. */
    private static final LocalQueue.Overflow<Object> NO_OVERFLOW = new LocalQueue.Overflow<>() {
        @Override
        public void pushBatch(Object[] tasks) {
            throw new AssertionError("overflow");
        }

        @Override
        public void push(Object task) {
            throw new AssertionError("overflow");
        }
    };

    private final Idle idle = new Idle(2);
    private final LocalQueue<Object> queue = new LocalQueue<>(256);

    public ParkOrNotifyStress() {
        idle.transitionWorkerToParked(1, false);
        if (!idle.transitionWorkerToSearching()) {
            throw new AssertionError("worker 0 could not start searching");
        }
    }

    /** A task spawning on its worker: local push, then {@code notifyParked}. */
    @Actor
    public void producer(II_Result r) {
        queue.push(TASK, NO_OVERFLOW);
        r.r1 = idle.workerToNotify() >= 0 ? 1 : 0;
    }

    /** Worker 0 found nothing: it parks, and as the last searcher re-checks the queues. */
    @Actor
    public void lastSearcher(II_Result r) {
        boolean last = idle.transitionWorkerToParked(0, true);
        r.r2 = last && !queue.isEmpty() ? 1 : 0;
    }
}
