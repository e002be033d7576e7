package dev.weft.bench.workloads;

import dev.weft.sync.mpsc.Channel;
import dev.weft.sync.mpsc.Receiver;
import dev.weft.sync.mpsc.Sender;
import java.util.concurrent.ArrayBlockingQueue;
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
 * ping_pong: pairs of tasks, spawned from the benchmark thread, exchange a token over
 * two capacity-1 channels: ping sends on {@code a} and receives on {@code b}, pong receives on
 * {@code a} and sends it back on {@code b}. The last ping to finish releases the benchmark thread.
 * Score: ns per round trip (two sends, two receives, and in general two suspensions and two
 * wake-ups), over all pairs.
 *
 * <ul>
 *   <li>{@link #pingPong1}: one pair, {@value #ONE_ROUNDS} round trips.</li>
 *   <li>{@link #pingPongMany}: {@value #MANY_PAIRS} pairs, {@value #MANY_ROUNDS} round trips each.</li>
 * </ul>
 *
 * Weft: {@code dev.weft.sync.mpsc.Channel.bounded(1)}; virtual threads: {@code ArrayBlockingQueue(1)}
 * with {@code put}/{@code take}; kotlinx: {@code Channel<Any>(1)} with {@code send}/{@code receive}.
 * The token is one shared object, so no runtime pays for boxing.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class PingPong extends Contenders {
    static final int ONE_ROUNDS = 200_000;
    static final int MANY_PAIRS = 1_000;
    static final int MANY_ROUNDS = 1_000;
    static final Object TOKEN = "token";

    @Param({"weft", "vthreads", "kotlinx"})
    String runtime;

    @Override
    String runtime() {
        return runtime;
    }

    @Benchmark
    @OperationsPerInvocation(ONE_ROUNDS)
    public void pingPong1() throws Exception {
        run(1, ONE_ROUNDS);
    }

    @Benchmark
    @OperationsPerInvocation(MANY_PAIRS * MANY_ROUNDS)
    public void pingPongMany() throws Exception {
        run(MANY_PAIRS, MANY_ROUNDS);
    }

    private void run(int pairs, int rounds) throws Exception {
        switch (runtime) {
            case "weft": weft(pairs, rounds); break;
            case "vthreads": vthreads(pairs, rounds); break;
            default: KotlinxWorkloads.pingPong(pairs, rounds);
        }
    }

    private void weft(int pairs, int rounds) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger remaining = new AtomicInteger(pairs);
        for (int p = 0; p < pairs; p++) {
            Channel<Object> a = Channel.bounded(1);
            Channel<Object> b = Channel.bounded(1);
            Sender<Object> aTx = a.sender();
            Receiver<Object> aRx = a.receiver();
            Sender<Object> bTx = b.sender();
            Receiver<Object> bRx = b.receiver();
            weft.spawn(() -> {
                for (int r = 0; r < rounds; r++) {
                    bTx.send(aRx.recv());
                }
                return null;
            });
            weft.spawn(() -> {
                for (int r = 0; r < rounds; r++) {
                    aTx.send(TOKEN);
                    if (bRx.recv() != TOKEN) {
                        throw new IllegalStateException("lost the token");
                    }
                }
                if (remaining.decrementAndGet() == 0) {
                    done.countDown();
                }
                return null;
            });
        }
        done.await();
    }

    private void vthreads(int pairs, int rounds) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger remaining = new AtomicInteger(pairs);
        for (int p = 0; p < pairs; p++) {
            ArrayBlockingQueue<Object> a = new ArrayBlockingQueue<>(1);
            ArrayBlockingQueue<Object> b = new ArrayBlockingQueue<>(1);
            Baselines.startVirtual(virtual, () -> {
                try {
                    for (int r = 0; r < rounds; r++) {
                        b.put(a.take());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Baselines.startVirtual(virtual, () -> {
                try {
                    for (int r = 0; r < rounds; r++) {
                        a.put(TOKEN);
                        if (b.take() != TOKEN) {
                            throw new IllegalStateException("lost the token");
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (remaining.decrementAndGet() == 0) {
                    done.countDown();
                }
            });
        }
        done.await();
    }
}
