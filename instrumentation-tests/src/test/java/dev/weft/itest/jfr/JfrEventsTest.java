package dev.weft.itest.jfr;

import static dev.weft.Async.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.JoinHandle;
import dev.weft.Suspendable;
import dev.weft.Task;
import dev.weft.WeftRuntime;
import dev.weft.diagnostics.RuntimeMetrics;
import dev.weft.diagnostics.TaskInfo;
import dev.weft.itest.runtime.AwaitedGate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records a workload in-process with the settings of {@code weft.jfc} (read from the agent jar),
 * parses the file with {@link RecordingFile} and checks every Weft event and its fields: a task
 * that calls {@code Thread.sleep} on a worker gives a long-poll event whose stack names the
 * sleeping method; a task blocked by an uninstrumented frame gives a pinned suspension; a task
 * dump names a suspended task's logical frames.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JfrEventsTest {
    @TempDir
    Path dir;

    /** Never completed: tasks suspended on it stay live for the task dump. */
    private final CompletableFuture<String> never = new CompletableFuture<>();

    /** Counted down by each small task the sleeper spawns into its own worker's queue. */
    private static final AtomicInteger smallRan = new AtomicInteger();

    /**
     * Blocks the worker for at least 120 ms and until a task of its own queue ran elsewhere: while
     * this worker is blocked, only a steal can run one, so the steal is certain, not raced.
     */
    static void sleepOnTheWorker() throws InterruptedException {
        long start = System.nanoTime();
        long bound = start + TimeUnit.SECONDS.toNanos(20);
        do {
            Thread.sleep(20);   // blocks the worker: the watchdog must catch this frame
            if (System.nanoTime() - bound > 0) {
                throw new AssertionError("no task of the blocked worker's queue was stolen");
            }
            if (smallRan.get() == 0) {
                // A worker that parked while the spawns above still counted it as awake was not
                // told of them (and this one, blocked, never re-checks). Each spawn here moves
                // the previous LIFO task into the stealable queue and notifies a parked worker.
                Task.spawn(() -> {
                    smallRan.incrementAndGet();
                    return 0;
                });
            }
        } while (smallRan.get() == 0 || System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(120));
    }

    @Suspendable
    static int blockingTask() throws InterruptedException {
        sleepOnTheWorker();
        return 1;
    }

    @Suspendable
    String waitForever() {
        return await(never);
    }

    @Suspendable
    String parkedCaller() {
        return waitForever() + "!";
    }

    /** Completes each future only once something waits on it: the pinned await surely blocks. */
    private static final AwaitedGate gates = new AwaitedGate();

    @Suspendable
    static int twice(int v) {
        return 2 * await(gates.afterAwaited(v));
    }

    @Suspendable
    static int pinnedByForEach() {
        int[] sum = new int[1];
        List.of(1, 2).forEach(v -> sum[0] += twice(v));   // plain Consumer: the await cannot suspend
        return sum[0];
    }

    @Test
    void workloadEventsAndFields() throws Exception {
        Path file = dir.resolve("weft.jfr");
        Configuration weft = WeftJfc.load();
        long waiterId;
        int dumped;
        RuntimeMetrics metrics;
        List<TaskInfo> dump;
        try (Recording rec = new Recording(weft)) {
            // weft.jfc says every second; the workload is shorter than that
            rec.enable("dev.weft.RuntimeMetrics").withPeriod(Duration.ofMillis(50));
            rec.start();
            try (WeftRuntime rt = WeftRuntime.multiThread().workerThreads(2).threadNamePrefix("jfr-worker-")
                    .longPollThreshold(Duration.ofMillis(10)).shutdownTimeout(Duration.ofSeconds(5)).build()) {
                JoinHandle<String> waiter = rt.spawn("waiter", this::parkedCaller);
                waiterId = waiter.id();
                int total = rt.blockOn(() -> {
                    // one worker fills its local queue, then blocks: the other must steal
                    JoinHandle<Integer> sleeper = Task.spawn(() -> {
                        List<JoinHandle<Integer>> small = new ArrayList<>();
                        for (int i = 0; i < 64; i++) {
                            int n = i;
                            small.add(Task.spawn(() -> {
                                smallRan.incrementAndGet();
                                return n;
                            }));
                        }
                        // Block in a poll of its own: the spawns above may take past the
                        // threshold on a loaded machine, and a poll is reported once. The kick,
                        // spawned last, sits in this worker's LIFO slot (not stealable) and runs
                        // right after this poll; the wake it gives puts this task back in that
                        // slot, so the next poll is on this worker, ahead of the 64 small tasks.
                        CompletableFuture<Void> kick = new CompletableFuture<>();
                        small.add(Task.spawn(() -> {
                            kick.complete(null);
                            return 0;
                        }));
                        await(kick);
                        int r = blockingTask();
                        for (JoinHandle<Integer> h : small) {
                            r += h.join();
                        }
                        return r;
                    });
                    int sum = sleeper.join();
                    // then the rest, so that no other task holds the second worker during the steal
                    JoinHandle<Integer> failing = Task.spawn(() -> {
                        await(gates.afterAwaited(1));
                        throw new IllegalStateException("boom");
                    });
                    JoinHandle<Integer> pinned = Task.spawn(JfrEventsTest::pinnedByForEach);
                    JoinHandle<Integer> blocking = Task.spawnBlocking(() -> 5);
                    sum += pinned.join() + blocking.join();
                    try {
                        failing.join();
                    } catch (RuntimeException expected) {
                        sum += 1000;
                    }
                    return sum;
                });
                assertEquals(1 + (0 + 63) * 64 / 2 + 6 + 5 + 1000, total);
                dump = rt.dumpTasks();
                metrics = rt.metrics();
                dumped = rt.recordTaskDump();
                // JFR's periodic thread notices hooks registered during a recording within about a second
                Thread.sleep(1500);
                waiter.abort();
                assertThrows(RuntimeException.class, waiter::join);
            }
            rec.stop();
            rec.dump(file);
        }

        // the API dump: the waiter is suspended two frames deep
        TaskInfo w = dump.stream().filter(t -> t.id() == waiterId).findFirst().orElseThrow(() -> new AssertionError(dump.toString()));
        assertEquals("waiter", w.name());
        assertEquals("IDLE", w.state());
        List<String> methods = w.stack().stream().map(StackTraceElement::getMethodName).collect(Collectors.toList());
        assertEquals(List.of("waitForever", "parkedCaller"), methods.subList(0, 2), w.toString());
        assertEquals("JfrEventsTest.java", w.stack().get(0).getFileName());
        assertTrue(w.stack().get(0).getLineNumber() > 0);
        assertEquals(dump.size(), dumped);
        assertEquals(2, metrics.workers());
        assertTrue(metrics.polls() >= 64, metrics.toString());
        assertTrue(metrics.steals() > 0, metrics.toString());
        assertTrue(metrics.parks() > 0, metrics.toString());
        assertTrue(metrics.blockingThreads() >= 1, metrics.toString());
        assertTrue(metrics.liveTasks() >= 1, metrics.toString());

        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        Map<String, List<RecordedEvent>> byName = events.stream()
                .filter(e -> e.getEventType().getName().startsWith("dev.weft."))
                .collect(Collectors.groupingBy(e -> e.getEventType().getName()));
        for (String name : List.of("dev.weft.TaskSpawned", "dev.weft.TaskEnded", "dev.weft.LongPoll",
                "dev.weft.PinnedSuspension", "dev.weft.WorkerPark", "dev.weft.WorkerUnpark", "dev.weft.WorkerSteal",
                "dev.weft.BlockingPoolGrow", "dev.weft.TaskDump", "dev.weft.RuntimeMetrics")) {
            assertTrue(byName.containsKey(name), name + " missing; got " + byName.keySet());
            assertEquals("Weft", byName.get(name).get(0).getEventType().getCategoryNames().get(0));
            assertNotNull(byName.get(name).get(0).getEventType().getLabel(), name);
            assertNotNull(byName.get(name).get(0).getEventType().getDescription(), name);
        }

        // long poll: the sleeping method is on the worker's stack, sampled while it slept
        RecordedEvent lp = byName.get("dev.weft.LongPoll").stream()
                .filter(e -> e.getString("stack").contains("sleepOnTheWorker")).findFirst()
                .orElseThrow(() -> new AssertionError("no long poll names the sleeper: " + byName.get("dev.weft.LongPoll")));
        String stack = lp.getString("stack");
        assertTrue(stack.contains("java.lang.Thread.sleep"), stack);
        assertTrue(stack.indexOf("sleepOnTheWorker") < stack.indexOf("blockingTask"), "innermost first: " + stack);
        assertTrue(lp.getThread("worker").getJavaName().startsWith("jfr-worker-"), lp.toString());
        assertTrue(lp.getDuration("stuckFor").toMillis() >= 10, lp.toString());
        assertEquals(10, lp.getDuration("threshold").toMillis());
        assertTrue(lp.getLong("taskId") > 0);
        assertEquals(1, byName.get("dev.weft.LongPoll").stream().filter(e -> e.getString("stack").contains("sleepOnTheWorker")).count(),
                "one stuck poll, one event");

        // task ended: every outcome, with a duration from spawn
        List<RecordedEvent> ended = byName.get("dev.weft.TaskEnded");
        assertTrue(ended.stream().anyMatch(e -> e.getString("outcome").equals("ok")));
        RecordedEvent failed = ended.stream().filter(e -> e.getString("outcome").equals("failed")).findFirst().orElseThrow();
        assertTrue(failed.getString("failure").contains("IllegalStateException: boom"), failed.toString());
        RecordedEvent cancelled = ended.stream().filter(e -> e.getLong("taskId") == waiterId).findFirst().orElseThrow();
        assertEquals("cancelled", cancelled.getString("outcome"));
        assertEquals("waiter", cancelled.getString("taskName"));
        assertTrue(cancelled.getInt("polls") >= 2, cancelled.toString());
        RecordedEvent sleeperEnded = ended.stream().filter(e -> e.getLong("taskId") == lp.getLong("taskId")).findFirst().orElseThrow();
        assertTrue(sleeperEnded.getDuration().toMillis() >= 120, sleeperEnded.toString());

        // spawned: the spawn site, starting at the line that called spawn (no Weft frames above it)
        RecordedEvent spawned = byName.get("dev.weft.TaskSpawned").stream().filter(e -> e.getLong("taskId") == waiterId).findFirst().orElseThrow();
        assertEquals("waiter", spawned.getString("taskName"));
        assertTrue(spawned.getString("stack").startsWith(JfrEventsTest.class.getName() + ".workloadEventsAndFields(JfrEventsTest.java:"),
                spawned.getString("stack"));
        assertTrue(byName.get("dev.weft.TaskSpawned").size() >= 68);

        // pinned: culprit, task and the uninstrumented forEach frame on the stack
        RecordedEvent pin = byName.get("dev.weft.PinnedSuspension").get(0);
        assertTrue(pin.getString("culprit").contains("not instrumented"), pin.toString());
        assertTrue(pin.getLong("taskId") > 0);
        assertTrue(pin.getStackTrace().getFrames().stream().anyMatch(f -> f.getMethod().getName().equals("forEach")), pin.toString());

        // workers
        RecordedEvent steal = byName.get("dev.weft.WorkerSteal").get(0);
        assertTrue(steal.getInt("tasks") >= 1);
        assertFalse(steal.getInt("worker") == steal.getInt("victim"));
        assertTrue(byName.get("dev.weft.WorkerPark").stream().allMatch(e -> e.getDuration().toMillis() >= 1), "weft.jfc: 1 ms threshold");
        assertTrue(byName.get("dev.weft.WorkerUnpark").get(0).getInt("worker") >= 0);
        RecordedEvent grow = byName.get("dev.weft.BlockingPoolGrow").get(0);
        assertEquals(1, grow.getInt("threads"));
        assertEquals(512, grow.getInt("maxThreads"));

        // the requested dump, and the one at the end of the chunk, name the waiter's frames
        List<RecordedEvent> dumps = byName.get("dev.weft.TaskDump").stream().filter(e -> e.getLong("taskId") == waiterId).collect(Collectors.toList());
        assertFalse(dumps.isEmpty());
        RecordedEvent d = dumps.get(0);
        assertEquals("waiter", d.getString("taskName"));
        assertEquals("IDLE", d.getString("state"));
        assertTrue(d.getString("stack").startsWith(JfrEventsTest.class.getName() + ".waitForever(JfrEventsTest.java:"), d.getString("stack"));
        assertTrue(d.getString("stack").contains(".parkedCaller("), d.getString("stack"));

        RecordedEvent m = byName.get("dev.weft.RuntimeMetrics").get(0);
        assertEquals(2, m.getInt("workers"));
    }
}
