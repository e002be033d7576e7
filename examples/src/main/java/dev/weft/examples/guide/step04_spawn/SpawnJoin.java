package dev.weft.examples.guide.step04_spawn;

import dev.weft.JoinHandle;
import dev.weft.JoinSet;
import dev.weft.Task;
import dev.weft.TaskFailedException;
import dev.weft.WeftRuntime;
import dev.weft.future.CancelledException;
import dev.weft.time.Time;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Guide step 4: spawn tasks and join them; a task that throws; abort.
 *
 * <pre>
 * java -javaagent:agent/target/weft-agent-0.1.0-SNAPSHOT.jar \
 *      -cp runtime/target/classes:examples/target/classes dev.weft.examples.guide.step04_spawn.SpawnJoin
 * </pre>
 */
public final class SpawnJoin {
    private final PrintStream out;
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());

    SpawnJoin(PrintStream out) {
        this.out = out;
    }

    void run() throws Exception {
        try (WeftRuntime rt = WeftRuntime.currentThread().startPaused(true)
                .onTaskFailure(e -> failures.add(e.getCause().toString()))   // default: a warning in the log
                .build()) {
            rt.blockOn(() -> {
                // five tasks; the later ones finish first
                List<JoinHandle<Integer>> handles = new ArrayList<>();
                for (int i = 1; i <= 5; i++) {
                    int n = i;
                    handles.add(Task.spawn(() -> {
                        Time.sleep(Duration.ofMillis(60 - 10 * n));
                        return n * n;
                    }));
                }
                List<Integer> squares = new ArrayList<>();
                for (JoinHandle<Integer> h : handles) {
                    squares.add(h.join());              // in spawn order, whatever order they finished in
                }
                out.println("joined in spawn order: " + squares);

                try (JoinSet<Integer> set = new JoinSet<>()) {
                    for (int i = 1; i <= 5; i++) {
                        int n = i;
                        set.spawn(() -> {
                            Time.sleep(Duration.ofMillis(60 - 10 * n));
                            return n * n;
                        });
                    }
                    List<Integer> byFinish = new ArrayList<>();
                    while (!set.isEmpty()) {
                        byFinish.add(set.joinNext());      // in the order they finish
                    }
                    out.println("JoinSet in finishing order: " + byFinish);
                }

                // a task that throws
                JoinHandle<Integer> bad = Task.spawn(() -> Integer.parseInt("forty-two"));
                try {
                    bad.join();
                } catch (TaskFailedException e) {
                    out.println("join threw TaskFailedException; cause: " + e.getCause());
                }

                // abort: the task's next await throws CancelledException, so its finally runs
                JoinHandle<Void> ticker = Task.spawn(() -> {
                    try {
                        for (int tick = 1; ; tick++) {
                            Time.sleep(Duration.ofMillis(10));
                            out.println("  ticker: tick " + tick);
                        }
                    } finally {
                        out.println("  ticker: finally ran");
                    }
                });
                Time.sleep(Duration.ofMillis(35));
                ticker.abort();
                try {
                    ticker.join();
                } catch (CancelledException e) {
                    out.println("join after abort threw CancelledException");
                }
                return null;
            });
        }
        out.println("onTaskFailure saw: " + failures);
    }

    /**
     * Runs the example.
     *
     * @param args unused
     * @throws Exception if it fails
     */
    public static void main(String[] args) throws Exception {
        new SpawnJoin(System.out).run();
    }
}
