package dev.weft.internal.task;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * A joiner registering two wakers while the task completes ({@link TaskCell}, class invariants):
 * the joiner publishes a waker, then reads the state; the completer sets COMPLETE, then reads
 * the join slot and swaps it only when it is occupied. One of the two must see the other, or the
 * joiner waits forever. The second waker turns the slot into a list, which a joiner that finds
 * the task complete must leave to the completer (it only takes back a slot that is its alone).
 *
 * <p>Results: whether each registration found the task complete, then how often each waker was
 * woken. A registration that answered "not complete" must be woken exactly once.
 */
@JCStressTest
@Description("registerJoinWaker racing completion: a waiting joiner is woken, once")
@Outcome(id = "0, 0, 1, 1", expect = ACCEPTABLE, desc = "both waited, both woken")
@Outcome(id = "0, 1, 1, [01]", expect = ACCEPTABLE, desc = "the first waited and was woken; the second saw COMPLETE")
@Outcome(id = "1, 1, [01], [01]", expect = ACCEPTABLE, desc = "both saw COMPLETE (a published waker may get one spurious wake)")
@Outcome(id = ".*", expect = FORBIDDEN, desc = "lost wake-up of a waiting joiner, or a waker woken twice")
@State
public class JoinOrCompleteStress {
    private final TaskCell<Integer> task = CompletionSlots.readyTask();
    private final AtomicInteger first = new AtomicInteger();
    private final AtomicInteger second = new AtomicInteger();

    @Actor
    public void completer() {
        task.run();
    }

    @Actor
    public void joiner(IIII_Result r) {
        r.r1 = task.registerJoinWaker(first::incrementAndGet) ? 1 : 0;
        r.r2 = task.registerJoinWaker(second::incrementAndGet) ? 1 : 0;
    }

    @Arbiter
    public void wakes(IIII_Result r) {
        r.r3 = first.get();
        r.r4 = second.get();
    }
}
