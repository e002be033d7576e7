package dev.weft.bench.workloads;

import dev.weft.Task;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
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
 * chained_spawn: task k spawns task k+1 and ends, {@value #HOPS} hops; the last releases the
 * benchmark thread. Score: ns per hop (one spawn and one poll, never more than one task live),
 * as Tokio's {@code rt_multi_threaded::chained_spawn}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class ChainedSpawn extends Contenders {
    static final int HOPS = 100_000;

    @Param({"weft", "vthreads", "cf", "kotlinx"})
    String runtime;

    @Override
    String runtime() {
        return runtime;
    }

    @Benchmark
    @OperationsPerInvocation(HOPS)
    public void chainedSpawn() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        switch (runtime) {
            case "weft": weft.spawn(() -> weftHop(HOPS, done)); break;
            case "cf": CompletableFuture.runAsync(() -> cfHop(pool, HOPS, done), pool); break;
            case "vthreads": Baselines.startVirtual(virtual, () -> vtHop(virtual, HOPS, done)); break;
            default: KotlinxWorkloads.chainedSpawn(HOPS); return;
        }
        done.await();
    }

    private static Object weftHop(int n, CountDownLatch done) {
        if (n == 0) {
            done.countDown();
        } else {
            Task.spawn(() -> weftHop(n - 1, done));
        }
        return null;
    }

    private static void cfHop(ForkJoinPool pool, int n, CountDownLatch done) {
        if (n == 0) {
            done.countDown();
        } else {
            CompletableFuture.runAsync(() -> cfHop(pool, n - 1, done), pool);
        }
    }

    private static void vtHop(ThreadFactory f, int n, CountDownLatch done) {
        if (n == 0) {
            done.countDown();
        } else {
            Baselines.startVirtual(f, () -> vtHop(f, n - 1, done));
        }
    }
}
