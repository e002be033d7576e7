package dev.weft.bench.micro;

import dev.weft.coroutine.abi.Continuation;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of the rewritten fast path: a chain of suspendable calls that does not suspend,
 * against the same methods not rewritten. {@code inCoroutine} runs with a continuation installed
 * on the benchmark thread and the root armed, exactly as when a coroutine calls the chain;
 * {@code outsideCoroutine} is the same rewritten code called from a plain thread.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Thread)
public class SuspendableCallBench {
    private static final String ROOT_TOKEN = "chain(II)I";

    @Param({"1", "10"})
    int depth;

    int x = 17;

    /** Installs a continuation on the benchmark thread for the in-coroutine variant. */
    @State(Scope.Thread)
    public static class InCoroutine {
        Continuation continuation;
        Continuation previous;

        @Setup(Level.Trial)
        public void install() {
            continuation = new Continuation();
            previous = Continuation.installCurrent(continuation);
        }

        @TearDown(Level.Trial)
        public void uninstall() {
            Continuation.restoreCurrent(previous);
        }
    }

    @Benchmark
    public int plain() {
        return PlainChain.chain(depth, x);
    }

    @Benchmark
    public int outsideCoroutine() {
        return CallChain.chain(depth, x);
    }

    @Benchmark
    public int inCoroutine(InCoroutine c) {
        c.continuation.armed = ROOT_TOKEN;
        return CallChain.chain(depth, x);
    }
}
