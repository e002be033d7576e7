package dev.weft.bench.workloads;

import dev.weft.Task;
import dev.weft.time.Time;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * timers: one task, running on a worker, spawns {@value #TASKS} tasks that each sleep
 * {@value #SLEEP_MS} ms and then decrement a shared counter; the last one releases the benchmark
 * thread. Score: ms of wall time per invocation, spawning included (ideal: {@value #SLEEP_MS} ms),
 * Like for like: every runtime runs {@value #TASKS} tasks, each of which sleeps on its own and
 * then finishes. Weft: a spawned task awaiting {@code Time.sleep}; virtual threads: a started
 * thread calling {@code Thread.sleep}; kotlinx: a launched coroutine calling {@code delay}; CF: a
 * task submitted to a {@code ForkJoinPool(2)} whose sleep is its continuation scheduled on
 * {@code delayedExecutor(10 ms, pool)} (the JDK's single delayer thread hands it back to the pool
 * when due).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class Timers extends Contenders {
    static final int TASKS = 100_000;
    static final int SLEEP_MS = 10;

    @Param({"weft", "vthreads", "cf", "kotlinx"})
    String runtime;

    @Override
    String runtime() {
        return runtime;
    }

    @Override
    void started() {
        if (pool != null) {
            delayed = CompletableFuture.delayedExecutor(SLEEP_MS, TimeUnit.MILLISECONDS, pool);
        }
    }

    private Executor delayed;

    @Benchmark
    public void timers() throws Exception {
        switch (runtime) {
            case "weft": weft(); break;
            case "cf": cf(); break;
            case "vthreads": vthreads(); break;
            default: KotlinxWorkloads.timers(TASKS, SLEEP_MS);
        }
    }

    private void weft() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger remaining = new AtomicInteger(TASKS);
        Duration sleep = Duration.ofMillis(SLEEP_MS);
        weft.spawn(() -> {
            for (int i = 0; i < TASKS; i++) {
                Task.spawn(() -> {
                    Time.sleep(sleep);
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
        Executor d = delayed;
        Runnable afterSleep = () -> {
            if (remaining.decrementAndGet() == 0) {
                done.countDown();
            }
        };
        // each task starts on the pool, then sleeps: its continuation runs on the pool when due
        Runnable task = () -> CompletableFuture.runAsync(afterSleep, d);
        CompletableFuture.runAsync(() -> {
            for (int i = 0; i < TASKS; i++) {
                CompletableFuture.runAsync(task, pool);
            }
        }, pool);
        done.await();
    }

    private void vthreads() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger remaining = new AtomicInteger(TASKS);
        ThreadFactory f = virtual;
        Runnable leaf = () -> {
            try {
                Thread.sleep(SLEEP_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
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
