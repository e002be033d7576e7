package dev.weft.examples.guide.step02_yield;

import dev.weft.JoinHandle;
import dev.weft.Suspendable;
import dev.weft.Task;
import dev.weft.WeftRuntime;
import dev.weft.time.Time;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Guide step 2: {@code await} yields the thread instead of blocking it. Two tasks share a runtime
 * with one worker thread. With {@link Time#sleep} they interleave; with {@link Thread#sleep} the
 * first holds the only worker until it is done.
 *
 * <p>The runtime's clock starts paused ({@code startPaused(true)}): it jumps to the next timer
 * whenever the worker is idle, so the times printed are exact and the example takes no real time.
 *
 * <pre>
 * java -javaagent:agent/target/weft-agent-0.1.0-SNAPSHOT.jar \
 *      -cp runtime/target/classes:examples/target/classes dev.weft.examples.guide.step02_yield.Interleave
 * </pre>
 */
public final class Interleave {
    private final PrintStream out;
    private long start;

    Interleave(PrintStream out) {
        this.out = out;
    }

    private String now() {
        return "t=" + (Time.nanoTime() - start) / 1_000_000 + "ms";
    }

    @Suspendable
    String awaiting(String name, long stepMillis) {
        for (int step = 1; step <= 3; step++) {
            out.println("  " + now() + " " + name + " step " + step + " on " + Thread.currentThread().getName());
            Time.sleep(Duration.ofMillis(stepMillis));   // suspends: the worker runs the other task
        }
        return name;
    }

    @Suspendable @SuppressWarnings("weft-blocking") // blocks on purpose: the contrast with Time.sleep
    String blocking(String name, long stepMillis) throws InterruptedException {
        for (int step = 1; step <= 3; step++) {
            out.println("  " + name + " step " + step + " on " + Thread.currentThread().getName());
            Thread.sleep(stepMillis);                    // blocks: the worker can run nothing else
        }
        return name;
    }

    void run() throws Exception {
        try (WeftRuntime rt = WeftRuntime.multiThread().workerThreads(1).startPaused(true).build()) {
            out.println("with Time.sleep (await):");
            // Spawned from a task on the worker, so both exist before the paused clock first moves
            // (a blockOn body runs on the calling thread, which the paused clock does not wait for).
            rt.blockOn(() -> Task.spawn(() -> {
                start = Time.nanoTime();
                JoinHandle<String> a = Task.spawn(() -> awaiting("A", 10));
                JoinHandle<String> b = Task.spawn(() -> awaiting("B", 15));
                String first = a.join();
                String second = b.join();
                out.println("  both done at " + now() + ": " + first + ", " + second);
                return null;
            }).join());
            out.println("with Thread.sleep (blocking):");
            rt.blockOn(() -> {
                JoinHandle<String> a = Task.spawn(() -> blocking("A", 10));
                JoinHandle<String> b = Task.spawn(() -> blocking("B", 15));
                out.println("  both done: " + a.join() + ", " + b.join());
                return null;
            });
        }
    }

    /**
     * Runs the example.
     *
     * @param args unused
     * @throws Exception if it fails
     */
    public static void main(String[] args) throws Exception {
        new Interleave(System.out).run();
    }
}
