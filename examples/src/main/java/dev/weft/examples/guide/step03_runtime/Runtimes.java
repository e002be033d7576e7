package dev.weft.examples.guide.step03_runtime;

import dev.weft.JoinHandle;
import dev.weft.Task;
import dev.weft.WeftRuntime;
import dev.weft.time.Time;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Guide step 3: the runtime. {@code blockOn} runs a coroutine on the calling thread; spawned
 * tasks run on the runtime's worker threads (multi-thread flavour) or on the thread inside
 * {@code blockOn} (current-thread flavour).
 *
 * <pre>
 * java -javaagent:agent/target/weft-agent-0.1.0-SNAPSHOT.jar \
 *      -cp runtime/target/classes:examples/target/classes dev.weft.examples.guide.step03_runtime.Runtimes
 * </pre>
 */
public final class Runtimes {
    private final PrintStream out;

    Runtimes(PrintStream out) {
        this.out = out;
    }

    void run() throws Exception {
        Thread caller = Thread.currentThread();

        out.println("multi-thread runtime, 2 workers named guide-worker-N:");
        try (WeftRuntime rt = WeftRuntime.multiThread().workerThreads(2).threadNamePrefix("guide-worker-").build()) {
            String answer = rt.blockOn(() -> {
                out.println("  blockOn body runs on the calling thread: " + (Thread.currentThread() == caller));
                List<JoinHandle<String>> tasks = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    tasks.add(Task.spawn(() -> {
                        Time.sleep(Duration.ofMillis(1));
                        return Thread.currentThread().getName();
                    }));
                }
                boolean allOnWorkers = true;
                for (JoinHandle<String> t : tasks) {
                    allOnWorkers &= t.join().startsWith("guide-worker-");
                }
                out.println("  4 spawned tasks ran on worker threads: " + allOnWorkers);
                return "forty-two";
            });
            out.println("  blockOn returned " + answer);
            JoinHandle<Integer> fromOutside = rt.spawn(() -> 6 * 7);   // spawn from a plain thread
            out.println("  rt.spawn from a plain thread, joined there: " + fromOutside.join());
        }

        out.println("current-thread runtime:");
        try (WeftRuntime rt = WeftRuntime.currentThread().build()) {
            rt.blockOn(() -> {
                JoinHandle<Thread> h = Task.spawn(() -> Thread.currentThread());
                out.println("  the spawned task ran on the thread inside blockOn: " + (h.join() == caller));
                return null;
            });
        }

        out.println("outside any runtime:");
        try {
            Task.spawn(() -> "nowhere to run");
        } catch (IllegalStateException e) {
            out.println("  Task.spawn threw IllegalStateException");
        }
    }

    /**
     * Runs the example.
     *
     * @param args unused
     * @throws Exception if it fails
     */
    public static void main(String[] args) throws Exception {
        new Runtimes(System.out).run();
    }
}
