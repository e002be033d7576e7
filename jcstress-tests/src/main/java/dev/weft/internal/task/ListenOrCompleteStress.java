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
 * Two completion listeners added, one after the other, while the task completes ({@link TaskCell#addCompletionListener}):
 * the completer swaps the slot to "told" only when it found it occupied after COMPLETE, and an
 * adder that sees COMPLETE after installing tells whatever it installed if its own swap to "told"
 * wins. Each listener must be told exactly once.
 */
@JCStressTest
@Description("addCompletionListener racing completion: every listener is told exactly once")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "each listener told once")
@Outcome(id = ".*", expect = FORBIDDEN, desc = "a listener lost or told twice")
@State
public class ListenOrCompleteStress {
    private final TaskCell<Integer> task = CompletionSlots.readyTask();
    private final AtomicInteger first = new AtomicInteger();
    private final AtomicInteger second = new AtomicInteger();

    @Actor
    public void completer() {
        task.run();
    }

    /** Two in a row, so the race meets an empty slot, an occupied one, and a chained one. */
    @Actor
    public void adder() {
        task.addCompletionListener(t -> first.incrementAndGet());
        task.addCompletionListener(t -> second.incrementAndGet());
    }

    @Arbiter
    public void told(II_Result r) {
        r.r1 = first.get();
        r.r2 = second.get();
    }
}
