package dev.weft.bench.workloads;

import dev.weft.Task;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadFactory;
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
 * spawn_many: one task, running on a worker, spawns {@value #TASKS} tasks that each decrement a
 * shared counter; the last one releases the benchmark thread. Score: ns per spawned task (spawn,
 * first poll, completion), as Tokio's {@code rt_multi_threaded::spawn_many_local}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class SpawnMany extends Contenders {
    static final int TASKS = 100_000;

    @Param({"weft", "vthreads", "cf", "kotlinx"})
    String runtime;

    @Override
    String runtime() {
        return runtime;
    }

    @Benchmark
    @OperationsPerInvocation(TASKS)
    public void spawnMany() throws Exception {
        switch (runtime) {
            case "weft": weft(); break;
            case "cf": cf(); break;
            case "vthreads": vthreads(); break;
            default: KotlinxWorkloads.spawnMany(TASKS);
        }
    }

    private void weft() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger remaining = new AtomicInteger(TASKS);
        weft.spawn(() -> {
            for (int i = 0; i < TASKS; i++) {
                Task.spawn(() -> {
                    if (remaining.decrementAndGet() == 0) {
                        done.countDown();
                    }
                    return null;
                });
            }
            return null;
        });
        done.await();
    }

    private void cf() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger remaining = new AtomicInteger(TASKS);
        ForkJoinPool p = pool;
        Runnable leaf = () -> {
            if (remaining.decrementAndGet() == 0) {
                done.countDown();
            }
        };
        CompletableFuture.runAsync(() -> {
            for (int i = 0; i < TASKS; i++) {
                CompletableFuture.runAsync(leaf, p);
            }
        }, p);
        done.await();
    }

    private void vthreads() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger remaining = new AtomicInteger(TASKS);
        ThreadFactory f = virtual;
        Runnable leaf = () -> {
            if (remaining.decrementAndGet() == 0) {
                done.countDown();
            }
        };
        Baselines.startVirtual(f, () -> {
            for (int i = 0; i < TASKS; i++) {
                Baselines.startVirtual(f, leaf);
            }
        });
        done.await();
    }
}
