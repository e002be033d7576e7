package dev.weft.bench.micro;

import dev.weft.coroutine.abi.Continuation;
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
 * The cost of the rewritten fast path: a chain of {@code depth + 1} suspendable calls that does
 * not suspend, against the same methods not rewritten ({@code plain}). {@code inCoroutine} runs
 * on a carrier thread with a continuation installed and the root armed, exactly as when a task
 * calls the chain on a worker; {@code outsideCoroutine} is the rewritten code on the same thread
 * with no coroutine. One operation is one call of the chain.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class SuspendableCallBench {
    static final int BATCH = 100_000;
    private static final String ROOT_TOKEN = "chain(II)I";

    @Param({"1", "10"})
    int depth;

    private CarrierExecutor carrier;
    private Continuation continuation;

    @Setup
    public void setup() {
        carrier = new CarrierExecutor();
        continuation = new Continuation();
    }

    @TearDown
    public void tearDown() {
        carrier.close();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int plain() {
        int d = depth;
        return carrier.run(() -> {
            int acc = 0;
            for (int i = 0; i < BATCH; i++) {
                acc += PlainChain.chain(d, i);
            }
            return acc;
        });
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int outsideCoroutine() {
        int d = depth;
        return carrier.run(() -> {
            int acc = 0;
            for (int i = 0; i < BATCH; i++) {
                acc += CallChain.chain(d, i);
            }
            return acc;
        });
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int inCoroutine() {
        int d = depth;
        Continuation c = continuation;
        return carrier.run(() -> {
            Continuation previous = Continuation.installCurrent(c);
            try {
                int acc = 0;
                for (int i = 0; i < BATCH; i++) {
                    c.armed = ROOT_TOKEN;
                    acc += CallChain.chain(d, i);
                }
                return acc;
            } finally {
                Continuation.restoreCurrent(previous);
            }
        });
    }
}
