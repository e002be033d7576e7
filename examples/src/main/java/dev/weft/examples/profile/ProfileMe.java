package dev.weft.examples.profile;

import static dev.weft.Async.await;

import dev.weft.JoinHandle;
import dev.weft.Suspendable;
import dev.weft.Task;
import dev.weft.WeftRuntime;
import dev.weft.time.Time;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A small service with the usual performance mistakes, to profile with JFR (README, "Profiling
 * with JFR"). For {@code seconds} seconds it handles "requests": each awaits a timer (I/O
 * stand-in), then hashes its payload in a call chain that was suspended and resumed, so CPU
 * samples show {@code handle -> parse -> checksum}. Every 20th request calls
 * {@code Thread.sleep} on the worker ({@code dev.weft.LongPoll} names {@link #legacyLookup}),
 * some go through a plain {@code forEach} ({@code dev.weft.PinnedSuspension}), some use
 * {@code spawnBlocking} ({@code dev.weft.BlockingPoolGrow}), and one task waits forever
 * ({@code dev.weft.TaskDump} shows where).
 *
 * <pre>
 * java -javaagent:agent/target/weft-agent-0.1.0-SNAPSHOT.jar \
 *      -XX:StartFlightRecording=filename=weft.jfr,settings=default,settings=weft.jfc \
 *      -cp runtime/target/classes:examples/target/classes dev.weft.examples.profile.ProfileMe 10
 * </pre>
 */
public final class ProfileMe {
    private final PrintStream out;
    private final CompletableFuture<String> neverAnswered = new CompletableFuture<>();

    ProfileMe(PrintStream out) {
        this.out = out;
    }

    /** One request: wait for "the network", then parse it. */
    @Suspendable
    static long handle(int request) throws InterruptedException {
        Time.sleep(Duration.ofMillis(1 + request % 5));
        if (request % 20 == 0) {
            legacyLookup();   // a blocking call on a worker thread: the long-poll event's stack names it
        }
        return parse(request);
    }

    /** A synchronous library call that should have been {@code spawnBlocking}. */
    static void legacyLookup() throws InterruptedException {
        Thread.sleep(25);
    }

    @Suspendable
    static long parse(int request) {
        long header = await(CompletableFuture.completedFuture((long) request));
        Time.sleep(Duration.ofMillis(1));   // suspends; the resume re-enters handle -> parse
        return checksum(header);
    }

    /** CPU work after a resume: execution samples show its async callers. */
    static long checksum(long seed) {
        long x = seed;
        for (int i = 0; i < 200_000; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        return x;
    }

    @Suspendable @SuppressWarnings("weft-pinning") // pins on purpose: a PinnedSuspension to profile
    static int throughForEach(List<Integer> batch) {
        int[] sum = new int[1];
        // a plain Consumer is not rewritten: each await inside blocks the worker (PinnedSuspension)
        batch.forEach(v -> sum[0] += await(CompletableFuture.supplyAsync(() -> v)));
        return sum[0];
    }

    @Suspendable
    String waitForAnAnswer() {
        return await(neverAnswered);
    }

    /**
     * @param seconds how long to run
     * @return requests handled
     * @throws Exception if a task fails
     */
    long run(double seconds) throws Exception {
        try (WeftRuntime rt = WeftRuntime.multiThread().workerThreads(2).threadNamePrefix("profile-worker-").build()) {
            JoinHandle<String> stuck = rt.spawn("waits-forever", this::waitForAnAnswer);
            long deadline = System.nanoTime() + (long) (seconds * 1e9);
            long handled = rt.blockOn(() -> {
                long n = 0;
                int request = 0;
                while (System.nanoTime() < deadline) {
                    List<JoinHandle<Long>> batch = new ArrayList<>();
                    for (int i = 0; i < 16; i++) {
                        int r = request++;
                        batch.add(Task.spawn(() -> handle(r)));
                    }
                    if (request % 64 == 0) {
                        batch.add(Task.spawn(() -> (long) throughForEach(List.of(1, 2, 3))));
                        batch.add(Task.spawnBlocking(() -> checksum(7)));
                    }
                    for (JoinHandle<Long> h : batch) {
                        h.join();
                        n++;
                    }
                }
                return n;
            });
            out.println(rt.dumpTasksAsString());
            out.println(rt.metrics());
            int events = rt.recordTaskDump();
            out.println("handled " + handled + " requests; task dump events written: " + events);
            stuck.abort();
            return handled;
        }
    }

    /**
     * Runs the example.
     *
     * @param args seconds to run (default 10)
     * @throws Exception if a task fails
     */
    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        new ProfileMe(System.out).run(seconds);
    }
}
