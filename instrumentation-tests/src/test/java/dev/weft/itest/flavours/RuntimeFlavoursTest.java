package dev.weft.itest.flavours;

import static dev.weft.Async.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.JoinHandle;
import dev.weft.JoinSet;
import dev.weft.Select;
import dev.weft.Suspendable;
import dev.weft.Task;
import dev.weft.TaskFailedException;
import dev.weft.TaskLocal;
import dev.weft.WeftRuntime;
import dev.weft.future.CancelledException;
import dev.weft.itest.runtime.AwaitedGate;
import dev.weft.itest.runtime.SuspendedGate;
import dev.weft.sync.ChannelClosedException;
import dev.weft.time.Elapsed;
import dev.weft.time.Time;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The same behaviours of the runtime, written as coroutines, checked on every {@link Flavour}
 * (Tokio's {@code tests/rt_common.rs}): {@code blockOn} results and failures, spawning from the
 * root and from tasks, joins, yields, chains of spawns and of joins, wakes from outside threads,
 * channels, timers on a paused clock, aborts, failures, the blocking pool, nested
 * {@code blockOn}, shutdown with live tasks, {@link JoinSet}, {@link Select}, {@link TaskLocal},
 * several joiners of one handle, the cooperative budget. Where the flavours differ by their
 * documentation (where a task runs, whether anything runs outside {@code blockOn}, a second
 * thread entering {@code blockOn}), each flavour is held to its own documented answer.
 *
 * <p>No outcome rests on timing: futures awaited "from outside" are pending by construction
 * ({@link AwaitedGate}: completed only once something waits on them), a task is known to be
 * suspended by the runtime's task dump ({@link SuspendedGate}), timers run on a paused clock.
 * The timeout only guards against a hang, in its own thread so that a stuck runtime cannot
 * stall the run.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RuntimeFlavoursTest {
    private static final AwaitedGate GATES = new AwaitedGate();

    /** Awaits a future that is surely pending, completed by a plain thread: a real suspension and an outside wake. */
    @Suspendable
    static <T> T pending(T value) {
        return await(GATES.afterAwaited(value));
    }

    // ===== blockOn =====

    @ParameterizedTest(name = "{0}")
    @EnumSource(Flavour.class)
    void blockOnReturnsTheValueOfItsBody(Flavour f) throws Exception {
        try (WeftRuntime rt = f.build()) {
            int v = rt.blockOn(() -> pending(40) + pending(2));
            assertEquals(42, v);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Flavour.class)
    void blockOnRethrowsTheFailureOfItsBodyUnchanged(Flavour f) throws Exception {
        try (WeftRuntime rt = f.build()) {
            IOException boom = new IOException("boom");
            IOException thrown = assertThrows(IOException.class, () -> rt.blockOn(() -> {
                pending(1);
                throw boom;
            }));
            assertSame(boom, thrown);
            assertEquals("again", rt.blockOn(() -> pending("again")), "the runtime is still usable");
        }
    }

    // ===== spawn and join =====

    @ParameterizedTest(name = "{0}")
    @EnumSource(Flavour.class)
    void aTaskSpawnedFromTheRootRunsWhereItsFlavourSays(Flavour f) throws Exception {
        Flavour.Named named = f.builder();
        try (WeftRuntime rt = named.builder().build()) {
            String caller = Thread.currentThread().getName();
            String ranOn = rt.blockOn(() -> Task.spawn(() -> {
                String before = Thread.currentThread().getName();
                pending(0);
                return before + "|" + Thread.currentThread().getName();
            }).join());
            for (String segment : ranOn.split("\\|")) {
                if (f.isMultiThread()) {
                    assertTrue(segment.startsWith(named.threadNamePrefix()), "ran on " + segment);
                } else {
                    assertEquals(caller, segment, "a current-thread runtime runs tasks on the thread inside blockOn");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Flavour.class)
    void aTaskSpawnedFromInsideATaskIsJoined(Flavour f) throws Exception {
        try (WeftRuntime rt = f.build()) {
            int v = rt.blockOn(() -> Task.spawn(() -> {
                JoinHandle<Integer> inner = Task.spawn(() -> pending(20));
                return inner.join() + 1;
            }).join() * 2);
            assertEquals(42, v);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Flavour.class)
    void aTaskSpawnedFromAPlainThreadRunsOnlyWhereItsFlavourSays(Flavour f) throws Exception {
        try (WeftRuntime rt = f.build()) {
            AtomicBoolean ran = new AtomicBoolean();
            JoinHandle<Integer> h = rt.spawn(() -> {
                ran.set(true);
                return pending(6) * 7;
            });
            if (f.isMultiThread()) {
                assertEquals(42, h.join(), "a plain thread's join blocks until a worker ran the task");
            } else {
                // nothing runs a current-thread runtime's tasks while no thread is inside blockOn
                assertFalse(ran.get());
                assertFalse(h.isFinished());
                assertEquals(42, rt.blockOn(h));
            }
            assertTrue(h.isFinished());
            assertEquals(42, h.join(), "a finished handle joins again with the same value");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Flavour.class)
    void manyHandlesAreJoinedInSpawnOrder(Flavour f) throws Exception {
        int n = 1000;
        try (WeftRuntime rt = f.build()) {
            List<Integer> joined = rt.blockOn(() -> {
                List<JoinHandle<Integer>> hs = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    int k = i;
                    hs.add(Task.spawn(() -> {
                        Task.yieldNow();
                        return k;
                    }));
                }
                List<Integer> out = new ArrayList<>();
                for (JoinHandle<Integer> h : hs) {
                    out.add(h.join());
                }
                return out;
            });
            for (int i = 0; i < n; i++) {
                assertEquals(i, joined.get(i));
            }
            assertEquals(0, rt.liveTasks());
        }
    }

    /** Spawns {@code n} detached tasks; the last to count down answers on a oneshot channel. */
    @Suspendable
    static int spawnManyAndAwaitTheLast(int n) {
        AtomicInteger left = new AtomicInteger(n);
        dev.weft.sync.oneshot.Channel<Integer> done = dev.weft.sync.oneshot.Channel.create();
        dev.weft.sync.oneshot.Sender<Integer> tx = done.sender();
        for (int i = 0; i < n; i++) {
            Task.spawn(() -> {
                if (left.decrementAndGet() == 0) {
                    tx.send(n);
                }
                return null;
            });
        }
        return done.receiver().recv();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Flavour.class)
    void spawnManyFromTheRootAndFromATaskWithACountdown(Flavour f) throws Exception {
        try (WeftRuntime rt = f.build()) {
            assertEquals(1000, rt.blockOn(() -> spawnManyAndAwaitTheLast(1000)));
            assertEquals(1000, rt.blockOn(() -> Task.spawn(() -> spawnManyAndAwaitTheLast(1000)).join()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Flavour.class)
    void yieldNowManyTimes(Flavour f) throws Exception {
        int tasks = 10;
        int yields = 500;
        AtomicInteger steps = new AtomicInteger();
        try (WeftRuntime rt = f.build()) {
            rt.blockOn(() -> {
                List<JoinHandle<Void>> hs = new ArrayList<>();
                for (int t = 0; t < tasks; t++) {
                    hs.add(Task.spawn(() -> {
                        for (int i = 0; i < yields; i++) {
                            steps.incrementAndGet();
                            Task.yieldNow();
                        }
                        return null;
                    }));
                }
                for (JoinHandle<Void> h : hs) {
                    h.join();
                }
                return null;
            });
        }
        assertEquals(tasks * yields, steps.get());
    }

    /** Each hop spawns the next and returns at once; the last answers on {@code tx}. */
    static Void hop(int k, int depth, dev.weft.sync.oneshot.Sender<Integer> tx) {
        if (k == depth) {
            tx.send(k);
        } else {
            Task.spawn(() -> hop(k + 1, depth, tx));
        }
        return null;
    }

    /** Task {@code k} spawns task {@code k + 1} and joins it: {@code depth} joins pending at once. */
    @Suspendable
    static int joinChain(int k, int depth) {
        if (k == depth) {
            return pending(0);
        }
        return Task.spawn(() -> joinChain(k + 1, depth)).join() + 1;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Flavour.class)
    void chainedSpawnsAndChainedJoinsThousandsDeep(Flavour f) throws Exception {
        try (WeftRuntime rt = f.build()) {
            int depth = 5000;
            int last = rt.blockOn(() -> {
                dev.weft.sync.oneshot.Channel<Integer> done = dev.weft.sync.oneshot.Channel.create();
                dev.weft.sync.oneshot.Sender<Integer> tx = done.sender();
                Task.spawn(() -> hop(1, depth, tx));
                return done.receiver().recv();
            });
            assertEquals(depth, last);
            assertEquals(1000, rt.blockOn(() -> joinChain(0, 1000)));
            // a joined task is gone before its joiner wakes, but the detached hops may still be
            // returning on a worker after the last one answered: wait for them, bounded
            awaitNoLiveTasks(rt);
        }
    }

    static void awaitNoLiveTasks(WeftRuntime rt) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (rt.liveTasks() != 0) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("tasks still live: " + rt.dumpTasksAsString());
            }
            LockSupport.parkNanos(100_000); // re-check the condition; no decision rests on this pause
        }
    }

    // ===== wakes from outside =====

    @ParameterizedTest(name = "{0}")
    @EnumSource(Flavour.class)
    void tasksWokenFromAPlainThreadResume(Flavour f) throws Exception {
        try (WeftRuntime rt = f.build()) {
            // one at a time, so the runtime goes idle (its workers park) before each wake
            for (int i = 0; i < 30; i++) {
                int k = i;
                assertEquals(2 * k, rt.blockOn(() -> Task.spawn(() -> pending(k)).join() + pending(k)));
            }
            // many at once
            int sum = rt.blockOn(() -> {
                List<JoinHandle<Integer>> hs = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    int k = i;
                    hs.add(Task.spawn(() -> pending(k)));
                }
                int s = 0;
                for (JoinHandle<Integer> h : hs) {
                    s += h.join();
                }
                return s;
            });
            assertEquals(190, sum);
        }
    }

    // ===== channels =====

    @ParameterizedTest(name = "{0}")
    @EnumSource(Flavour.class)
    void pingPongOverMpscChannels(Flavour f) throws Exception {
        int rounds = 1000;
        try (WeftRuntime rt = f.build()) {
            String r = rt.blockOn(() -> {
                dev.weft.sync.mpsc.Channel<Integer> ping = dev.weft.sync.mpsc.Channel.bounded(1);
                dev.weft.sync.mpsc.Channel<Integer> pong = dev.weft.sync.mpsc.Channel.bounded(1);
                dev.weft.sync.mpsc.Sender<Integer> pongTx = pong.sender();
                JoinHandle<Integer> ponger = Task.spawn(() -> {
                    int served = 0;
                    try (pongTx) {
                        Integer m;
                        while ((m = ping.receiver().recv()) != null) {
                            pongTx.send(m + 1);
                            served++;
                        }
                    }
                    return served;
                });
                int wrong = 0;
                try (dev.weft.sync.mpsc.Sender<Integer> pingTx = ping.sender()) {
                    for (int i = 0; i < rounds; i++) {
                        pingTx.send(i);
                        if (pong.receiver().recv() != i + 1) {
                            wrong++;
                        }
                    }
                }
                int served = ponger.join();
                // the ponger closed its sender on the way out: end of stream
                Integer after = pong.receiver().recv();
                return "wrong=" + wrong + " served=" + served + " after=" + after;
            });
            assertEquals("wrong=0 served=" + rounds + " after=null", r);
        }
    }

    /** Answers each request (a number and a oneshot sender) with the number doubled. */
    @Suspendable
    static int serve(dev.weft.sync.mpsc.Receiver<Object[]> requests) {
        int served = 0;
        Object[] req;
        while ((req = requests.recv()) != null) {
            @SuppressWarnings("unchecked")
            dev.weft.sync.oneshot.Sender<Integer> reply = (dev.weft.sync.oneshot.Sender<Integer>) req[1];
            reply.send((Integer) req[0] * 2);
            served++;
        }
        return served;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Flavour.class)
    void requestsAnsweredOverOneshotChannels(Flavour f) throws Exception {
        try (WeftRuntime rt = f.build()) {
            int sum = rt.blockOn(() -> {
                dev.weft.sync.mpsc.Channel<Object[]> requests = dev.weft.sync.mpsc.Channel.bounded(4);
                JoinHandle<Integer> server = Task.spawn(() -> serve(requests.receiver()));
                int s = 0;
                try (dev.weft.sync.mpsc.Sender<Object[]> tx = requests.sender()) {
                    for (int i = 0; i < 200; i++) {
                        dev.weft.sync.oneshot.Channel<Integer> reply = dev.weft.sync.oneshot.Channel.create();
                        tx.send(new Object[] {i, reply.sender()});
                        s += reply.receiver().recv();
                    }
                }
                return server.join() == 200 ? s : -1;
            });
            assertEquals(2 * (199 * 200 / 2), sum);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Flavour.class)
    void aOneshotWhoseSenderClosedWithoutSendingFailsTheReceive(Flavour f) throws Exception {
        try (WeftRuntime rt = f.build()) {
            String r = rt.blockOn(() -> {
                dev.weft.sync.oneshot.Channel<String> ch = dev.weft.sync.oneshot.Channel.create();
                dev.weft.sync.oneshot.Sender<String> tx = ch.sender();
                Task.spawn(() -> {
                    pending(0);
                    tx.close();
                    return null;
                });
                try {
                    return "received " + ch.receiver().recv();
                } catch (ChannelClosedException e) {
                    return "closed";
                }
            });
            assertEquals("closed", r);
        }
    }

    /** Sends {@code 1..n} through its own handle, then closes it. */
    @Suspendable
    static Void produce(dev.weft.sync.mpsc.Sender<Integer> tx, int n) {
        try (tx) {
            for (int i = 1; i <= n; i++) {
                tx.send(i);
            }
        }
        return null;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Flavour.class)
    void manyProducersOneConsumerOverABoundedChannel(Flavour f) throws Exception {
        int producers = 8;
        int each = 250;
        try (WeftRuntime rt = f.build()) {
            long sum = rt.blockOn(() -> {
                dev.weft.sync.mpsc.Channel<Integer> ch = dev.weft.sync.mpsc.Channel.bounded(4);
                try (dev.weft.sync.mpsc.Sender<Integer> original = ch.sender()) {
                    for (int p = 0; p < producers; p++) {
                        dev.weft.sync.mpsc.Sender<Integer> mine = original.copy();
                        Task.spawn(() -> produce(mine, each));
                    }
                }
                long s = 0;
                Integer v;
                // null only once every producer closed its handle and the queue is drained
                while ((v = ch.receiver().recv()) != null) {
                    s += v;
                }
                return s;
            });
            assertEquals((long) producers * each * (each + 1) / 2, sum);
        }
    }

    // ===== timers on a paused clock =====

    /** Sleeps, then logs when it woke: milliseconds of virtual time since {@code start}. */
    @Suspendable
    static Void sleepThenLog(List<Long> woke, long start, int millis) {
        Time.sleep(Duration.ofMillis(millis));
        woke.add(TimeUnit.NANOSECONDS.toMillis(Time.nanoTime() - start));
        return null;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Flavour.class)
    void sleepsOnAPausedClockEndAtTheirDeadlinesInOrder(Flavour f) throws Exception {
        List<Long> woke = new CopyOnWriteArrayList<>();
        try (WeftRuntime rt = f.builder().builder().startPaused(true).build()) {
            // timers from a task, not from the root: a multi-thread runtime's paused clock waits
            // for its workers, not for the thread inside blockOn
            long elapsed = rt.blockOn(() -> Task.spawn(() -> {
                long start = Time.nanoTime();
                JoinHandle<Void> a = Task.spawn(() -> sleepThenLog(woke, start, 30));
                JoinHandle<Void> b = Task.spawn(() -> sleepThenLog(woke, start, 10));
                JoinHandle<Void> c = Task.spawn(() -> sleepThenLog(woke, start, 20));
                a.join();
                b.join();
                c.join();
                // an hour on the paused clock: it jumps, or this hangs until the test's timeout
                Time.sleep(Duration.ofHours(1));
                return TimeUnit.NANOSECONDS.toMillis(Time.nanoTime() - start);
            }).join());
            // virtual time, exact: an idle paused clock jumps to the next deadline, no further,
            // and the clock stands still while a task runs
            assertEquals(List.of(10L, 20L, 30L), woke);
            assertEquals(Duration.ofHours(1).plusMillis(30).toMillis(), elapsed);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Flavour.class)
    void timeoutsOnAPausedClock(Flavour f) throws Exception {
        AtomicBoolean bodyFinally = new AtomicBoolean();
        try (WeftRuntime rt = f.builder().builder().startPaused(true).build()) {
            String r = rt.blockOn(() -> Task.spawn(() -> {
                String late;
                try {
                    late = Time.timeout(Duration.ofMinutes(1), () -> {
                        try {
                            Time.sleep(Duration.ofHours(1));
                            return "finished";
                        } finally {
                            bodyFinally.set(true);
                        }
                    });
                } catch (Elapsed e) {
                    late = "elapsed";
                }
                String early = Time.timeout(Duration.ofHours(1), () -> {
                    Time.sleep(Duration.ofMinutes(1));
                    return "in time";
                });
                return late + ", " + early;
            }).join());
            assertEquals("elapsed, in time", r);
            assertTrue(bodyFinally.get(), "the timed-out body was cancelled and its finally ran");
        }
    }

    // ===== abort =====

    @ParameterizedTest(name = "{0}")
    @EnumSource(Flavour.class)
    void abortingAPendingTaskCancelsItsJoinAndRunsItsFinally(Flavour f) throws Exception {
        CompletableFuture<Void> never = new CompletableFuture<>();
        AtomicBoolean finallyRan = new AtomicBoolean();
        AtomicBoolean afterAwait = new AtomicBoolean();
        try (WeftRuntime rt = f.build()) {
            String outcome = rt.blockOn(() -> {
                CompletableFuture<Void> started = new CompletableFuture<>();
                JoinHandle<Void> h = Task.spawn(() -> {
                    try {
                        started.complete(null);
                        await(never);
                        afterAwait.set(true);
                        return null;
                    } finally {
                        finallyRan.set(true);
                    }
                });
                await(started);
                h.abort();
                try {
                    h.join();
                    return "joined";
                } catch (CancelledException e) {
                    h.abort(); // idempotent once finished
                    return "cancelled, finished=" + h.isFinished();
                }
            });
            assertEquals("cancelled, finished=true", outcome);
        }
        assertTrue(finallyRan.get());
        assertFalse(afterAwait.get());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Flavour.class)
    void aTaskAbortedBeforeItsFirstPollNeverRuns(Flavour f) throws Exception {
        try (WeftRuntime rt = f.builder().builder().warnOnBlockedWorker(false).build()) {
            // hold every worker in a blocking call, so that nothing can poll the victim before
            // the abort (a current-thread runtime polls nothing while no thread is in blockOn)
            CountDownLatch held = new CountDownLatch(f.workers());
            CountDownLatch release = new CountDownLatch(1);
            List<JoinHandle<Boolean>> blockers = new ArrayList<>();
            for (int i = 0; i < f.workers(); i++) {
                blockers.add(rt.spawn(() -> {
                    held.countDown();
                    return release.await(30, TimeUnit.SECONDS);
                }));
            }
            assertTrue(held.await(20, TimeUnit.SECONDS), "every worker holds a blocker");
            AtomicBoolean ran = new AtomicBoolean();
            JoinHandle<String> victim = rt.spawn(() -> {
                ran.set(true);
                return "ran";
            });
            victim.abort();
            release.countDown();
            assertThrows(CancelledException.class, () -> rt.blockOn(victim));
            assertFalse(ran.get(), "the aborted task's body never ran");
            for (JoinHandle<Boolean> b : blockers) {
                assertTrue(b.join());
            }
        }
    }

    // ===== failures =====

    @ParameterizedTest(name = "{0}")
    @EnumSource(Flavour.class)
    void aTaskFailureSurfacesAtJoinWithItsCause(Flavour f) throws Exception {
        List<TaskFailedException> reported = new CopyOnWriteArrayList<>();
        CountDownLatch told = new CountDownLatch(1);
        IOException boom = new IOException("boom");
        try (WeftRuntime rt = f.builder().builder().onTaskFailure(e -> {
            reported.add(e);
            told.countDown();
        }).build()) {
            Object[] r = rt.blockOn(() -> {
                JoinHandle<Integer> h = Task.spawn(() -> {
                    pending(1);
                    throw boom;
                });
                try {
                    Integer v = h.join();
                    return new Object[] {v, h.id()};
                } catch (TaskFailedException e) {
                    return new Object[] {e, h.id()};
                }
            });
            TaskFailedException e = (TaskFailedException) r[0];
            assertSame(boom, e.getCause());
            assertEquals((long) r[1], e.taskId());
            assertTrue(told.await(20, TimeUnit.SECONDS), "the failure handler was told");
            assertEquals(1, reported.size());
            assertSame(boom, reported.get(0).getCause());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Flavour.class)
    void aThrowingTaskDoesNotKillItsWorker(Flavour f) throws Exception {
        Flavour.Named named = f.builder();
        try (WeftRuntime rt = named.builder().onTaskFailure(e -> { }).build()) {
            int n = 8 * Math.max(1, f.workers());
            String r = rt.blockOn(() -> {
                List<JoinHandle<Integer>> bad = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    int k = i;
                    bad.add(Task.spawn(() -> {
                        Task.yieldNow();
                        if (k % 2 == 0) {
                            throw new IllegalStateException("exception " + k);
                        }
                        throw new AssertionError("error " + k);
                    }));
                }
                int failed = 0;
                for (JoinHandle<Integer> h : bad) {
                    try {
                        h.join();
                    } catch (TaskFailedException e) {
                        failed++;
                    }
                }
                List<JoinHandle<Integer>> good = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    int k = i;
                    good.add(Task.spawn(() -> {
                        Task.yieldNow();
                        return k;
                    }));
                }
                int sum = 0;
                for (JoinHandle<Integer> h : good) {
                    sum += h.join();
                }
                return "failed=" + failed + " sum=" + sum;
            });
            assertEquals("failed=" + n + " sum=" + (n * (n - 1) / 2), r);
            if (f.isMultiThread()) {
                long alive = Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getName().startsWith(named.threadNamePrefix()))
                        .filter(t -> !t.getName().startsWith(named.threadNamePrefix() + "blocking-"))
                        .filter(Thread::isAlive)
                        .count();
                assertEquals(f.workers(), alive, "every worker thread is still alive");
            }
        }
    }

    // ===== the blocking pool =====

    @ParameterizedTest(name = "{0}")
    @EnumSource(Flavour.class)
    void spawnBlockingRunsOnTheBlockingPoolWithoutHoldingTheRuntime(Flavour f) throws Exception {
        Flavour.Named named = f.builder();
        try (WeftRuntime rt = named.builder().onTaskFailure(e -> { }).build()) {
            String r = rt.blockOn(() -> {
                CountDownLatch go = new CountDownLatch(1);
                CompletableFuture<Void> entered = new CompletableFuture<>();
                JoinHandle<String> blocking = Task.spawnBlocking(() -> {
                    entered.complete(null);
                    // released by a task: only possible if this call holds no thread the runtime needs
                    return go.await(30, TimeUnit.SECONDS) ? Thread.currentThread().getName() : "never released";
                });
                await(entered);
                Task.spawn(() -> {
                    go.countDown();
                    return null;
                }).join();
                return blocking.join();
            });
            assertTrue(r.startsWith(named.threadNamePrefix() + "blocking-"), r);
            IOException boom = new IOException("blocking boom");
            Throwable cause = rt.blockOn(() -> {
                try {
                    Task.spawnBlocking(() -> {
                        throw boom;
                    }).join();
                    return null;
                } catch (TaskFailedException e) {
                    return e.getCause();
                }
            });
            assertSame(boom, cause);
        }
    }

    // ===== nested and concurrent blockOn =====

    @Suspendable
    static String tryNestedBlockOn(WeftRuntime rt) {
        try {
            return "ran " + rt.blockOn(() -> "inner");
        } catch (Exception e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Flavour.class)
    void aNestedBlockOnIsRefusedAsDocumented(Flavour f) throws Exception {
        try (WeftRuntime rt = f.build(); WeftRuntime other = Flavour.CURRENT_THREAD.build()) {
            String inRoot = rt.blockOn(() -> tryNestedBlockOn(rt));
            assertTrue(inRoot.startsWith("IllegalStateException") && inRoot.contains("inside another blockOn"), inRoot);
            String otherInRoot = rt.blockOn(() -> tryNestedBlockOn(other));
            assertTrue(otherInRoot.contains("inside another blockOn"), "a second runtime too: " + otherInRoot);
            String inTask = rt.blockOn(() -> Task.spawn(() -> tryNestedBlockOn(rt)).join());
            if (f.isMultiThread()) {
                assertTrue(inTask.startsWith("IllegalStateException") && inTask.contains("worker thread"), inTask);
            } else {
                // the task runs on the thread that is inside blockOn
                assertTrue(inTask.startsWith("IllegalStateException") && inTask.contains("inside another blockOn"), inTask);
            }
            assertEquals(7, rt.blockOn(() -> pending(7)), "the refused calls left the runtime usable");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Flavour.class)
    void aSecondThreadEnteringBlockOnMeetsItsFlavoursRule(Flavour f) throws Exception {
        try (WeftRuntime rt = f.build()) {
            String r = rt.blockOn(() -> {
                CompletableFuture<String> second = new CompletableFuture<>();
                Thread t = new Thread(() -> {
                    try {
                        second.complete("ok " + rt.blockOn(() -> pending("second")));
                    } catch (Throwable e) {
                        second.complete(e.getClass().getSimpleName() + ": " + e.getMessage());
                    }
                }, "second-blockOn");
                t.start();
                return await(second);
            });
            if (f.isMultiThread()) {
                assertEquals("ok second", r);
            } else {
                // a current-thread runtime is driven by one thread at a time
                assertTrue(r.startsWith("IllegalStateException") && r.contains("one thread at a time"), r);
            }
        }
    }

    // ===== shutdown =====

    @ParameterizedTest(name = "{0}")
    @EnumSource(Flavour.class)
    void closeWithLivePendingTasksCancelsThemAndRefusesNewWork(Flavour f) throws Exception {
        AtomicInteger finallies = new AtomicInteger();
        int n = 40;
        WeftRuntime rt = f.build();
        List<JoinHandle<Void>> hs = rt.blockOn(() -> {
            CompletableFuture<Void> allStarted = new CompletableFuture<>();
            AtomicInteger left = new AtomicInteger(n + 2);
            dev.weft.sync.mpsc.Channel<Integer> silent = dev.weft.sync.mpsc.Channel.unbounded();
            List<JoinHandle<Void>> out = new ArrayList<>();
            for (int i = 0; i < n + 2; i++) {
                int k = i;
                out.add(Task.spawn(() -> {
                    try {
                        if (left.decrementAndGet() == 0) {
                            allStarted.complete(null);
                        }
                        if (k == n) {
                            Time.sleep(Duration.ofHours(1));      // a timer on the real clock
                        } else if (k == n + 1) {
                            silent.receiver().recv();             // a receive whose sender stays open
                        } else {
                            // an outside future of its own: abandoning an awaited stage cancels
                            // it (Async's class doc), so a shared one would fail the others
                            await(new CompletableFuture<Void>());
                        }
                        return null;
                    } finally {
                        finallies.incrementAndGet();
                    }
                }));
            }
            await(allStarted);
            return out;
        });
        assertEquals(n + 2, rt.liveTasks(), "every task is still pending when close begins");
        rt.close();
        assertEquals(0, rt.liveTasks());
        assertEquals(n + 2, finallies.get(), "every cancelled task unwound");
        for (JoinHandle<Void> h : hs) {
            assertTrue(h.isFinished());
            assertThrows(CancelledException.class, h::join);
        }
        assertThrows(IllegalStateException.class, () -> rt.spawn(() -> 1));
        assertThrows(IllegalStateException.class, () -> rt.blockOn(() -> 1));
        rt.close(); // idempotent
    }

    // ===== JoinSet =====

    @ParameterizedTest(name = "{0}")
    @EnumSource(Flavour.class)
    void aJoinSetYieldsEveryResultAndClosingItAbortsTheRest(Flavour f) throws Exception {
        AtomicInteger finallies = new AtomicInteger();
        try (WeftRuntime rt = f.builder().builder().onTaskFailure(e -> { }).build()) {
            String r = rt.blockOn(() -> {
                long sum = 0;
                int failed = 0;
                try (JoinSet<Integer> set = new JoinSet<>()) {
                    for (int i = 0; i < 50; i++) {
                        int k = i;
                        set.spawn(() -> {
                            Task.yieldNow();
                            if (k == 13) {
                                throw new IllegalStateException("thirteen");
                            }
                            return k;
                        });
                    }
                    while (!set.isEmpty()) {
                        try {
                            sum += set.joinNext();
                        } catch (TaskFailedException e) {
                            failed++;
                        }
                    }
                }
                List<JoinHandle<Integer>> aborted = new ArrayList<>();
                CompletableFuture<Void> allStarted = new CompletableFuture<>();
                AtomicInteger left = new AtomicInteger(10);
                try (JoinSet<Integer> set = new JoinSet<>()) {
                    for (int i = 0; i < 10; i++) {
                        aborted.add(set.spawn(() -> {
                            try {
                                if (left.decrementAndGet() == 0) {
                                    allStarted.complete(null);
                                }
                                // its own future: the set aborts its tasks one by one, and each
                                // abandoned await cancels the stage it awaited (Async's class doc)
                                return await(new CompletableFuture<Integer>());
                            } finally {
                                finallies.incrementAndGet();
                            }
                        }));
                    }
                    await(allStarted);
                }   // closing the set aborts its ten pending tasks
                int cancelled = 0;
                for (JoinHandle<Integer> h : aborted) {
                    try {
                        h.join();
                    } catch (CancelledException e) {
                        cancelled++;
                    }
                }
                return "sum=" + sum + " failed=" + failed + " cancelled=" + cancelled;
            });
            assertEquals("sum=" + (49 * 50 / 2 - 13) + " failed=1 cancelled=10", r);
        }
        assertEquals(10, finallies.get(), "every task the closed set aborted unwound");
    }

    // ===== Select =====

    @ParameterizedTest(name = "{0}")
    @EnumSource(Flavour.class)
    void aBiasedSelectTakesTheFinishedBranchAndCleansUpTheLoser(Flavour f) throws Exception {
        CompletableFuture<String> never = new CompletableFuture<>();
        try (WeftRuntime rt = f.build()) {
            String r = rt.blockOn(() -> {
                dev.weft.sync.oneshot.Channel<String> answer = dev.weft.sync.oneshot.Channel.create();
                dev.weft.sync.oneshot.Sender<String> tx = answer.sender();
                Task.spawn(() -> {
                    tx.send(pending("answer"));
                    return null;
                });
                AtomicBoolean loserFinally = new AtomicBoolean();
                String won = Select.<String>biased()
                        .onCall(() -> {
                            try {
                                return await(never);
                            } finally {
                                loserFinally.set(true);
                            }
                        }, v -> "the loser won")
                        .on(answer.receiver(), v -> "got " + v)
                        .await();
                // read right after await returned: the loser was cleaned up before the arm ran
                return won + ", loser finally ran: " + loserFinally.get();
            });
            assertEquals("got answer, loser finally ran: true", r);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Flavour.class)
    void aRandomSelectLoopDrainsTwoChannels(Flavour f) throws Exception {
        int each = 100;
        try (WeftRuntime rt = f.build()) {
            int got = rt.blockOn(() -> {
                dev.weft.sync.mpsc.Channel<Integer> a = dev.weft.sync.mpsc.Channel.bounded(2);
                dev.weft.sync.mpsc.Channel<Integer> b = dev.weft.sync.mpsc.Channel.bounded(2);
                Task.spawn(() -> produce(a.sender(), each));
                Task.spawn(() -> produce(b.sender(), each));
                boolean aOpen = true;
                boolean bOpen = true;
                int n = 0;
                while (aOpen || bOpen) {
                    Select<Integer> s = Select.random();   // a select is used once: one per turn
                    if (aOpen) {
                        s.on(a.receiver().recvAwaitable(), v -> v == null ? -1 : v);
                    }
                    if (bOpen) {
                        s.on(b.receiver().recvAwaitable(), v -> v == null ? -2 : v);
                    }
                    int v = s.await();
                    if (v == -1) {
                        aOpen = false;
                    } else if (v == -2) {
                        bOpen = false;
                    } else {
                        n++;
                    }
                }
                return n;
            });
            // receives are cancel safe: a losing branch took no message
            assertEquals(2 * each, got);
        }
    }

    // ===== TaskLocal =====

    @ParameterizedTest(name = "{0}")
    @EnumSource(Flavour.class)
    void taskLocalsBelongToTheirTaskAcrossAwaits(Flavour f) throws Exception {
        TaskLocal<String> id = TaskLocal.withInitial(() -> "none");
        int tasks = 30;
        try (WeftRuntime rt = f.build()) {
            String r = rt.blockOn(() -> {
                id.set("root");
                List<JoinHandle<Boolean>> hs = new ArrayList<>();
                for (int i = 0; i < tasks; i++) {
                    String mine = "t" + i;
                    hs.add(Task.spawn(() -> {
                        boolean fresh = id.get().equals("none");   // not inherited from the spawner
                        id.set(mine);
                        pending(0);
                        boolean kept = id.get().equals(mine);
                        Task.yieldNow();
                        return fresh && kept && id.get().equals(mine);
                    }));
                }
                int ok = 0;
                for (JoinHandle<Boolean> h : hs) {
                    ok += h.join() ? 1 : 0;
                }
                return ok + " " + id.get();
            });
            assertEquals(tasks + " root", r);
        }
    }

    // ===== several joiners =====

    @ParameterizedTest(name = "{0}")
    @EnumSource(Flavour.class)
    void twoJoinersOfOneHandleAreBothWoken(Flavour f) throws Exception {
        CompletableFuture<String> release = new CompletableFuture<>();
        try (WeftRuntime rt = f.build(); SuspendedGate gates = new SuspendedGate(rt)) {
            String r = rt.blockOn(() -> {
                JoinHandle<String> target = Task.spawn(() -> await(release));
                JoinHandle<String> a = Task.spawn(() -> "a:" + target.join());
                JoinHandle<String> b = Task.spawn(() -> "b:" + target.join());
                // the target completes only once both joiners are suspended in their joins
                Thread opener = new Thread(() -> {
                    try {
                        gates.awaitSuspended(a);
                        gates.awaitSuspended(b);
                        release.complete("done");
                    } catch (Throwable e) {
                        release.completeExceptionally(e);
                    }
                }, "opener");
                opener.start();
                return a.join() + " " + b.join() + " " + target.join();
            });
            assertEquals("a:done b:done done", r);
        }
    }

    // ===== the cooperative budget =====

    @ParameterizedTest(name = "{0}")
    @EnumSource(Flavour.class)
    void aBusyTaskAwaitingReadyFuturesDoesNotStarveTheOthers(Flavour f) throws Exception {
        try (WeftRuntime rt = f.build()) {
            long spins = rt.blockOn(() -> {
                AtomicBoolean stop = new AtomicBoolean();
                CompletableFuture<Integer> ready = CompletableFuture.completedFuture(1);
                JoinHandle<Long> busy = Task.spawn(() -> {
                    long s = 0;
                    while (!stop.get()) {
                        s += await(ready);   // always ready: only the budget makes it yield
                    }
                    return s;
                });
                Task.spawn(() -> {
                    stop.set(true);
                    return null;
                });
                return busy.join();
            });
            // what it proves is that it returned: without the budget the busy task would hold
            // the only thread of a current-thread or one-worker runtime forever
            assertTrue(spins >= 0);
        }
    }

    // ===== the current runtime =====

    @ParameterizedTest(name = "{0}")
    @EnumSource(Flavour.class)
    void theCurrentRuntimeIsTheOneThatRunsTheTask(Flavour f) throws Exception {
        try (WeftRuntime rt = f.build()) {
            String r = rt.blockOn(() -> {
                boolean root = WeftRuntime.current() == rt;
                boolean task = Task.spawn(() -> {
                    pending(0);
                    return WeftRuntime.current() == rt;
                }).join();
                return root + " " + task;
            });
            assertEquals("true true", r);
            assertTrue(WeftRuntime.tryCurrent().isEmpty(), "a plain thread is in no runtime");
        }
    }
}
