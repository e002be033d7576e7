package dev.weft.bench.workloads;

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
 * yield_many: {@value #TASKS} tasks, spawned from the benchmark thread, each yield
 * {@value #YIELDS} times; the last to finish releases the benchmark thread. Score: ns per yield,
 * as Tokio's {@code rt_multi_threaded::yield_many}. Weft: {@code Task.yieldNow()}; virtual
 * threads: {@code Thread.yield()}; kotlinx: {@code yield()}. CompletableFuture has no yield.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class YieldMany extends Contenders {
    static final int TASKS = 200;
    static final int YIELDS = 1_000;

    @Param({"weft", "vthreads", "kotlinx"})
    String runtime;

    @Override
    String runtime() {
        return runtime;
    }

    @Benchmark
    @OperationsPerInvocation(TASKS * YIELDS)
    public void yieldMany() throws Exception {
        if (runtime.equals("kotlinx")) {
            KotlinxWorkloads.yieldMany(TASKS, YIELDS);
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger remaining = new AtomicInteger(TASKS);
        if (runtime.equals("weft")) {
            for (int t = 0; t < TASKS; t++) {
                weft.spawn(() -> {
                    for (int i = 0; i < YIELDS; i++) {
                        Task.yieldNow();
                    }
                    if (remaining.decrementAndGet() == 0) {
                        done.countDown();
                    }
                    return null;
                });
            }
        } else {
            Runnable body = () -> {
                for (int i = 0; i < YIELDS; i++) {
                    Thread.yield();
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
