package dev.weft.itest.jfr;

import static dev.weft.Async.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Coroutine;
import dev.weft.Suspendable;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resumed coroutine re-enters its callers, so a CPU sample taken after the resume shows the
 * whole logical call chain, in order, with no help from Weft.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ExecutionSampleTest {
    @TempDir
    Path dir;

    private final CompletableFuture<Long> gate = new CompletableFuture<>();
    static volatile long sink;

    @Suspendable
    long outerChain() {
        return middleChain() + 1;
    }

    @Suspendable
    long middleChain() {
        return innerChain() * 2;
    }

    @Suspendable
    long innerChain() {
        long seed = await(gate);   // suspends on the first poll; the second poll resumes here
        return spinAfterResume(seed);
    }

    static long spinAfterResume(long seed) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(600);
        long x = seed;
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < 10_000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
            sink = x;
        }
        return x & 0xff;
    }

    @Test
    void samplesAfterAResumeShowTheCallersInOrder() throws Exception {
        Path file = dir.resolve("samples.jfr");
        try (Recording rec = new Recording()) {
            rec.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            rec.start();
            Coroutine<Long> c = Coroutine.of(this::outerChain);
            assertTrue(c.poll(Waker.NOOP).isPending(), "the chain suspended before spinning");
            gate.complete(7L);
            Poll<Long> p = c.poll(Waker.NOOP);
            assertTrue(p.isReady());
            rec.stop();
            rec.dump(file);
        }
        List<List<String>> chains = new ArrayList<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                continue;
            }
            List<String> names = new ArrayList<>();
            for (RecordedFrame f : e.getStackTrace().getFrames()) {
                if (f.getMethod().getType().getName().equals(ExecutionSampleTest.class.getName())) {
                    names.add(f.getMethod().getName());
                }
            }
            if (!names.isEmpty() && names.get(0).equals("spinAfterResume")) {
                chains.add(names);
            }
        }
        assertFalse(chains.isEmpty(), "no execution sample inside the resumed coroutine");
        for (List<String> chain : chains) {
            int inner = chain.indexOf("innerChain");
            int middle = chain.indexOf("middleChain");
            int outer = chain.indexOf("outerChain");
            assertEquals(1, inner, chain.toString());
            assertTrue(inner < middle && middle < outer, "callers in order, innermost first: " + chain);
        }
    }
}
