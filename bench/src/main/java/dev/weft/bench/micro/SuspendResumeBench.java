package dev.weft.bench.micro;

import dev.weft.Async;
import dev.weft.Coroutine;
import dev.weft.Suspendable;
import dev.weft.future.Awaitable;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
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
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One suspend + resume cycle at depth 1, 10 and 50: each operation is one poll that resumes the
 * coroutine from its previous suspension (re-entering every frame), completes the await, and
 * suspends again at the same depth. Polls run on a carrier thread, as on a worker. The leaf future is reused, so in steady state nothing
 * should be allocated.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class SuspendResumeBench {
    /** Pending on every other poll; the same instance is awaited forever. */
    static final class Flip implements Awaitable<Void> {
        private boolean ready;

        @Override
        public Poll<Void> poll(Waker waker) {
            ready = !ready;
            return ready ? Poll.pending() : Poll.ready(null);
        }
    }

    @Param({"1", "10", "50"})
    int depth;

    static final int BATCH = 10_000;

    Coroutine<Void> coroutine;
    private CarrierExecutor carrier;

    @Suspendable
    static void down(int frames, Flip leaf) {
        if (frames <= 1) {
            Async.await(leaf);
        } else {
            down(frames - 1, leaf);
        }
    }

    @Suspendable
    static Void forever(int frames, Flip leaf) {
        while (true) {
            down(frames, leaf);
        }
    }

    @Setup
    public void setup() {
        Flip leaf = new Flip();
        int frames = depth;
        coroutine = Coroutine.of(() -> forever(frames, leaf));
        carrier = new CarrierExecutor();
        if (carrier.run(() -> coroutine.poll(Waker.NOOP).isReady())) {
            throw new IllegalStateException("the coroutine did not suspend");
        }
    }

    @TearDown
    public void tearDown() {
        carrier.close();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int cycle() {
        Coroutine<Void> c = coroutine;
        return carrier.run(() -> {
            int pending = 0;
            for (int i = 0; i < BATCH; i++) {
                if (c.poll(Waker.NOOP).isPending()) {
                    pending++;
                }
            }
            return pending;
        });
    }
}
