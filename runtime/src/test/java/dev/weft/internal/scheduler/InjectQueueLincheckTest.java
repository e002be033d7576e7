package dev.weft.internal.scheduler;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Test;

/**
 * Model checks that {@link InjectQueue} is linearizable against a sequential FIFO
 * ({@link Spec}, an {@link ArrayDeque}): single and batch pushes and pops from three threads, and
 * the lock-free {@code isEmpty}/{@code len} answers, which must match the queue's contents at
 * some instant inside each call (the volatile length is written under the lock after every
 * change; a pusher's wake-up decision and a parking worker's re-check both read it).
 */
@Param(name = "v", gen = IntGen.class, conf = "1:9")
@Param(name = "max", gen = IntGen.class, conf = "1:3")
public class InjectQueueLincheckTest {
    private final InjectQueue<Integer> queue = new InjectQueue<>();

    @Operation
    public void push(@Param(name = "v") int v) {
        queue.push(v);
    }

    @Operation
    public void pushBatch(@Param(name = "v") int a, @Param(name = "v") int b) {
        queue.pushBatch(new Object[] {a, b});
    }

    @Operation
    public Integer pop() {
        return queue.pop();
    }

    @Operation
    public List<Object> popBatch(@Param(name = "max") int max) {
        // the array is one longer than max: popBatch must honour max, not only out.length
        Object[] out = new Object[max + 1];
        int n = queue.popBatch(out, max);
        List<Object> got = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            got.add(out[i]);
        }
        return got;
    }

    @Operation
    public boolean isEmpty() {
        return queue.isEmpty();
    }

    @Operation
    public int len() {
        return queue.len();
    }

    /** The sequential specification: a FIFO with the same operations. */
    public static final class Spec {
        private final ArrayDeque<Integer> q = new ArrayDeque<>();

        public void push(int v) {
            q.addLast(v);
        }

        public void pushBatch(int a, int b) {
            q.addLast(a);
            q.addLast(b);
        }

        public Integer pop() {
            return q.pollFirst();
        }

        public List<Object> popBatch(int max) {
            List<Object> got = new ArrayList<>();
            while (got.size() < max && !q.isEmpty()) {
                got.add(q.pollFirst());
            }
            return got;
        }

        public boolean isEmpty() {
            return q.isEmpty();
        }

        public int len() {
            return q.size();
        }
    }

    @Test
    void modelCheck() {
        new ModelCheckingOptions()
                .iterations(15)
                .invocationsPerIteration(300)
                .threads(3)
                .actorsPerThread(3)
                .actorsBefore(2)
                .actorsAfter(1)
                .sequentialSpecification(Spec.class)
                .check(InjectQueueLincheckTest.class);
    }
}
