package dev.weft.bench.micro;

import dev.weft.coroutine.abi.Continuation;
import java.util.concurrent.TimeUnit;
import java.util.function.IntBinaryOperator;
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
 *
 * <p>{@code plain}, {@code outsideCoroutine} and {@code inCoroutine} let the JIT inline the
 * chain (C2 may fold the plain recursion into arithmetic); {@code plainCalls} and
 * {@code inCoroutineCalls} run the same chains with {@code DONT_INLINE} on every level, so each
 * level is a real call on both sides: the ratio of those two is the fast-path cost per call.
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
    private static final String CALLS_ROOT_TOKEN = "chainCalls(II)I";

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
        return loop(PlainChain::chain);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int outsideCoroutine() {
        return loop(CallChain::chain);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int inCoroutine() {
        return loopInCoroutine(ROOT_TOKEN, CallChain::chain);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int plainCalls() {
        return loop(PlainChain::chainCalls);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int inCoroutineCalls() {
        return loopInCoroutine(CALLS_ROOT_TOKEN, CallChain::chainCalls);
    }

    /** {@link #BATCH} calls of {@code chain} on the carrier thread, outside any coroutine (one chain per fork: monomorphic). */
    private int loop(IntBinaryOperator chain) {
        int d = depth;
        return carrier.run(() -> {
            int acc = 0;
            for (int i = 0; i < BATCH; i++) {
                acc += chain.applyAsInt(d, i);
            }
            return acc;
        });
    }

    /** The same with a continuation installed and the root armed before each call, as a task's first call. */
    private int loopInCoroutine(String rootToken, IntBinaryOperator chain) {
        int d = depth;
        Continuation c = continuation;
        return carrier.run(() -> {
            Continuation previous = Continuation.installCurrent(c);
            try {
                int acc = 0;
                for (int i = 0; i < BATCH; i++) {
                    c.armed = rootToken;
                    acc += chain.applyAsInt(d, i);
                }
                return acc;
            } finally {
                Continuation.restoreCurrent(previous);
            }
        });
    }
}
