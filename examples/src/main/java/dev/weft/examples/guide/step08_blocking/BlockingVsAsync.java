package dev.weft.examples.guide.step08_blocking;

import dev.weft.JoinHandle;
import dev.weft.Suspendable;
import dev.weft.Task;
import dev.weft.WeftRuntime;
import dev.weft.time.Time;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Guide step 8: a blocking call holds its worker. On a one-worker runtime a heartbeat task ticks
 * every 10 ms while another task does 150 ms of blocking work ({@code Thread.sleep} standing for
 * a JDBC call or a file read). Run on the worker, the blocking work stops the heartbeat; moved
 * to the blocking pool with {@link Task#spawnBlocking}, it does not.
 *
 * <pre>
 * java -javaagent:agent/target/weft-agent-0.1.0-SNAPSHOT.jar \
 *      -cp runtime/target/classes:examples/target/classes dev.weft.examples.guide.step08_blocking.BlockingVsAsync
 * </pre>
 */
public final class BlockingVsAsync {
    private final PrintStream out;

    BlockingVsAsync(PrintStream out) {
        this.out = out;
    }

    @Suspendable
    Void heartbeat() {
        for (int i = 1; i <= 3; i++) {
            Time.sleep(Duration.ofMillis(10));
            out.println("  heartbeat " + i);
        }
        return null;
    }

    String blockingWork() throws InterruptedException {
        Thread.sleep(150);                 // a blocking call: JDBC, file I/O, a lock, a long computation
        String thread = Thread.currentThread().getName();
        out.println("  blocking work done on " + thread.replaceAll("[0-9]+$", "N"));
        return "ok";
    }

    void run() throws Exception {
        try (WeftRuntime rt = WeftRuntime.multiThread().workerThreads(1).build()) {
            out.println("blocking call inside a task (holds the only worker):");
            rt.blockOn(() -> {
                JoinHandle<Void> beat = Task.spawn(this::heartbeat);
                JoinHandle<String> work = Task.spawn(() -> blockingWork());
                work.join();
                beat.join();
                return null;
            });

            out.println("the same call through Task.spawnBlocking:");
            rt.blockOn(() -> {
                JoinHandle<Void> beat = Task.spawn(this::heartbeat);
                JoinHandle<String> work = Task.spawnBlocking(() -> blockingWork());
                work.join();                       // suspends; the worker keeps running the heartbeat
                beat.join();
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
        new BlockingVsAsync(System.out).run();
    }
}
