package dev.weft.bench.workloads;

import dev.weft.Suspendable;
import dev.weft.Task;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * deep_yield: {@value #TASKS} tasks each call a suspendable recursion {@value #DEPTH} frames deep
 * whose innermost frame yields {@value #YIELDS} times. Score: ns per yield. Every yield suspends
 * and resumes the whole chain of {@value #DEPTH} frames in Weft and kotlinx (stackless); a virtual
 * thread copies its stack chunk instead.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class DeepYield extends Contenders {
    static final int TASKS = 100;
    static final int DEPTH = 50;
    static final int YIELDS = 1_000;

    @Param({"weft", "vthreads", "kotlinx"})
    String runtime;

    @Override
    String runtime() {
        return runtime;
    }

    /** Weft: the recursion; every frame is rewritten, the innermost suspends. */
    @Suspendable
    static int weftRecurse(int depth) {
        if (depth <= 1) {
            for (int i = 0; i < YIELDS; i++) {
                Task.yieldNow();
            }
            return 1;
        }
        return weftRecurse(depth - 1) + 1;
    }

    /** Virtual threads: the same recursion, plain. */
    static int vtRecurse(int depth) {
        if (depth <= 1) {
            for (int i = 0; i < YIELDS; i++) {
                Thread.yield();
            }
            return 1;
        }
        return vtRecurse(depth - 1) + 1;
    }

    @Benchmark
    @OperationsPerInvocation(TASKS * YIELDS)
    public void deepYield() throws Exception {
        if (runtime.equals("kotlinx")) {
            KotlinxWorkloads.deepYield(TASKS, DEPTH, YIELDS);
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger remaining = new AtomicInteger(TASKS);
        if (runtime.equals("weft")) {
            for (int t = 0; t < TASKS; t++) {
                weft.spawn(() -> {
                    if (weftRecurse(DEPTH) != DEPTH) {
                        throw new IllegalStateException("bad depth");
                    }
                    if (remaining.decrementAndGet() == 0) {
                        done.countDown();
                    }
                    return null;
                });
            }
        } else {
            Runnable body = () -> {
                if (vtRecurse(DEPTH) != DEPTH) {
                    throw new IllegalStateException("bad depth");
                }
                if (remaining.decrementAndGet() == 0) {
                    done.countDown();
                }
            };
            for (int t = 0; t < TASKS; t++) {
                Baselines.startVirtual(virtual, body);
            }
        }
        done.await();
    }
}
