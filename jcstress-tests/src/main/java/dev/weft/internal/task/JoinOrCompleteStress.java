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
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * A joiner registering its waker while the task completes ({@link TaskCell}, class invariants):
 * the joiner publishes its waker, then reads the state; the completer sets COMPLETE, then reads
 * the join slot and swaps it only when it is occupied. One of the two must see the other, or the
 * joiner waits forever.
 */
@JCStressTest
@Description("registerJoinWaker racing completion: the joiner sees COMPLETE or is woken, once")
@Outcome(id = "0, 0", expect = FORBIDDEN, desc = "lost wake-up: the joiner waits and nobody woke it")
@Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "the joiner waits and the completer woke it")
@Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "the joiner saw the task complete")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "saw it complete, and got a spurious wake")
@Outcome(id = ".*", expect = FORBIDDEN, desc = "woken more than once")
@State
public class JoinOrCompleteStress {
    private final TaskCell<Integer> task = CompletionSlots.readyTask();
    private final AtomicInteger wakes = new AtomicInteger();

    @Actor
    public void completer() {
        task.run();
    }

    @Actor
    public void joiner(II_Result r) {
        r.r1 = task.registerJoinWaker(wakes::incrementAndGet) ? 1 : 0;
    }

    @Arbiter
    public void wakes(II_Result r) {
        r.r2 = wakes.get();
    }
}
