package dev.weft.examples.guide.step09_jfr;

import static dev.weft.Async.await;

import dev.weft.Coroutine;
import dev.weft.JoinHandle;
import dev.weft.Suspendable;
import dev.weft.Task;
import dev.weft.WeftRuntime;
import dev.weft.time.Time;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Guide step 9: profiling with JFR. Records a small workload (tasks that spawn and end, one task
 * that blocks its worker for 60 ms, one await pinned under a JDK {@code forEach}) with the Weft
 * events enabled, then reads the recording back and counts the {@code dev.weft.*} events. Then
 * prints the logical stack of a suspended coroutine: the frames a profiler sees once it resumes.
 *
 * <pre>
 * java -javaagent:agent/target/weft-agent-0.1.0-SNAPSHOT.jar \
 *      -cp runtime/target/classes:examples/target/classes dev.weft.examples.guide.step09_jfr.Profiling
 * </pre>
 */
public final class Profiling {
    /** The events the runtime emits. */
    static final List<String> WEFT_EVENTS = List.of(
            "dev.weft.TaskSpawned", "dev.weft.TaskEnded", "dev.weft.LongPoll", "dev.weft.PinnedSuspension");

    private final PrintStream out;

    Profiling(PrintStream out) {
        this.out = out;
    }

    @Suspendable @SuppressWarnings("weft-blocking") // blocks on purpose: the long poll JFR records
    static void blocksItsWorker() throws InterruptedException {
        Thread.sleep(60);                            // a long poll: the worker runs nothing else meanwhile
    }

    @Suspendable @SuppressWarnings("weft-pinning") // pins on purpose: the PinnedSuspension JFR records
    static void pinnedAwait() {
        List.of(1).forEach(i -> Time.sleep(Duration.ofMillis(1)));   // a plain lambda: this await blocks
    }

    void workload() throws Exception {
        try (WeftRuntime rt = WeftRuntime.multiThread().workerThreads(1).build()) {
            rt.blockOn(() -> {
                List<JoinHandle<Integer>> tasks = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    int n = i;
                    tasks.add(Task.spawn(() -> {
                        Time.sleep(Duration.ofMillis(1));
                        return n;
                    }));
                }
                tasks.add(Task.spawn(() -> {
                    blocksItsWorker();
                    return -1;
                }));
                tasks.add(Task.spawn(() -> {
                    pinnedAwait();
                    return -2;
                }));
                for (JoinHandle<Integer> t : tasks) {
                    t.join();
                }
                return null;
            });
        }
    }

    void record() throws Exception {
        Path file = Files.createTempFile("weft-guide", ".jfr");
        try (Recording recording = new Recording()) {
            for (String name : WEFT_EVENTS) {
                recording.enable(name);              // same as -XX:StartFlightRecording with a .jfc enabling them
            }
            recording.start();
            workload();
            recording.stop();
            recording.dump(file);
        }
        Map<String, Integer> counts = new TreeMap<>();
        List<RecordedEvent> longPolls = new ArrayList<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            String name = e.getEventType().getName();
            if (name.startsWith("dev.weft.")) {
                counts.merge(name, 1, Integer::sum);
                if (name.equals("dev.weft.LongPoll")) {
                    longPolls.add(e);
                }
            }
        }
        Files.deleteIfExists(file);
        out.println("recorded the workload; dev.weft events in the recording:");
        // Counts that do not depend on timing; a busy machine may add long polls, so those are
        // reported as present or not, with the method the watchdog saw on the stuck worker.
        out.println("  dev.weft.TaskSpawned: " + counts.getOrDefault("dev.weft.TaskSpawned", 0));
        out.println("  dev.weft.TaskEnded: " + counts.getOrDefault("dev.weft.TaskEnded", 0));
        out.println("  dev.weft.PinnedSuspension: " + (counts.containsKey("dev.weft.PinnedSuspension") ? "yes" : "no"));
        boolean named = longPolls.stream().anyMatch(e -> String.valueOf(e.getString("stack")).contains("blocksItsWorker"));
        out.println("  dev.weft.LongPoll: " + (named ? "yes, its stack names Profiling.blocksItsWorker" : "no"));
    }

    @Suspendable
    static String handler(CompletableFuture<String> db) {
        return "row: " + repository(db);
    }

    @Suspendable
    static String repository(CompletableFuture<String> db) {
        return query(db).trim();
    }

    @Suspendable
    static String query(CompletableFuture<String> db) {
        return await(db);                            // suspends here, three calls deep
    }

    void logicalStack() {
        CompletableFuture<String> db = new CompletableFuture<>();
        Coroutine<String> c = Coroutine.of(() -> handler(db));
        c.poll(() -> { });
        out.println("logical stack of a suspended coroutine (innermost first):");
        for (StackTraceElement f : c.suspendedStack()) {
            out.println("  at " + f);
        }
        db.complete(" 42 ");
        out.println("resumed: " + c.poll(() -> { }));
    }

    void run() throws Exception {
        record();
        logicalStack();
    }

    /**
     * Runs the example.
     *
     * @param args unused
     * @throws Exception if it fails
     */
    public static void main(String[] args) throws Exception {
        new Profiling(System.out).run();
    }
}
