package dev.weft.internal.scheduler.multithread;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

/**
 * Model checks {@link LocalQueue} with 4 slots (so full, overflow and wrap-around are reached):
 * one owner thread pushes and pops, two thieves steal half into their own queues, racing each
 * other and the owner.
 *
 * <p>Steal-half is not linearizable against a sequential queue (a thief that sees another one
 * copying gives up, a push that meets a copying thief overflows early), so the check is
 * conservation and order rather than linearizability: operations throw on a task seen twice or
 * out of order, and {@link #check()} drains every queue and the overflow and requires each pushed
 * task exactly once.
 */
public class LocalQueueLincheckTest {
    private static final int CAPACITY = 4;
    private static final int PREFILL = 3;

    private final LocalQueue<Integer> owner = new LocalQueue<>(CAPACITY);
    private final LocalQueue<Integer> thiefA = new LocalQueue<>(CAPACITY);
    private final LocalQueue<Integer> thiefB = new LocalQueue<>(CAPACITY);
    private final ConcurrentLinkedQueue<Integer> taken = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Integer> overflowed = new ConcurrentLinkedQueue<>();
    private final LocalQueue.Overflow<Integer> overflow = new LocalQueue.Overflow<>() {
        @Override
        public void pushBatch(Object[] tasks) {
            for (Object t : tasks) {
                overflowed.add((Integer) t);
            }
        }

        @Override
        public void push(Integer task) {
            overflowed.add(task);
        }
    };
    /** owner group only */
    private int next;
    /** owner group only */
    private int lastPopped = -1;

    public LocalQueueLincheckTest() {
        for (int i = 0; i < PREFILL; i++) {
            owner.push(next++, overflow);
        }
    }

    @Operation(nonParallelGroup = "owner")
    public void push() {
        owner.push(next++, overflow);
    }

    @Operation(nonParallelGroup = "owner")
    public void pop() {
        Integer v = owner.pop();
        if (v != null) {
            if (v <= lastPopped) {
                throw new IllegalStateException("owner popped " + v + " after " + lastPopped);
            }
            lastPopped = v;
            taken.add(v);
        }
    }

    @Operation(nonParallelGroup = "thiefA")
    public void stealA() {
        steal(thiefA);
    }

    @Operation(nonParallelGroup = "thiefB")
    public void stealB() {
        steal(thiefB);
    }

    private void steal(LocalQueue<Integer> dst) {
        Integer v = owner.stealer().stealInto(dst);
        if (v != null) {
            taken.add(v);
        }
    }

    @Validate
    public void check() {
        List<Integer> all = new ArrayList<>(taken);
        drainInOrder(owner, all);
        drainInOrder(thiefA, all);
        drainInOrder(thiefB, all);
        all.addAll(overflowed);
        all.sort(null);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < next; i++) {
            expected.add(i);
        }
        if (!all.equals(expected)) {
            throw new IllegalStateException("tasks lost or duplicated: pushed 0.." + (next - 1) + ", found " + all);
        }
    }

    private static void drainInOrder(LocalQueue<Integer> q, List<Integer> into) {
        Integer v;
        int last = -1;
        while ((v = q.pop()) != null) {
            if (v <= last) {
                throw new IllegalStateException("queue out of order: " + v + " after " + last);
            }
            last = v;
            into.add(v);
        }
    }

    @Test
    void modelCheck() {
        new ModelCheckingOptions()
                .iterations(15)
                .invocationsPerIteration(400)
                .threads(3)
                .actorsPerThread(3)
                .actorsBefore(0)
                .actorsAfter(0)
                .check(LocalQueueLincheckTest.class);
    }
}
