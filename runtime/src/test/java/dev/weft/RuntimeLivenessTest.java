package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Awaitable;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.internal.jfr.PollWatchdog;
import dev.weft.internal.scheduler.RuntimeContext;
import dev.weft.internal.time.PausedClock;
import dev.weft.internal.time.SleepEntry;
import dev.weft.internal.time.TimeDriver;
import dev.weft.testing.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The scheduler keeps its promises without coroutines (plain futures, so the runtime's own
 * module can check them): timers fire however the workers spend their time, work spawned from a
 * plain thread reaches a parked worker, queued work is stolen, wakes go home to their runtime,
 * the paused clock jumps only when every thread is idle, a root is polled once per wake, and
 * shutdown names what it could not stop. A broken protocol shows as a hang, caught by a bounded
 * wait or the class timeout (run on its own thread: a parked {@code blockOn} ignores interrupts).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RuntimeLivenessTest {
    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(20);

    static WeftRuntime runtime(String flavour) {
        return builder(flavour).build();
    }

    static WeftRuntime.Builder builder(String flavour) {
        return switch (flavour) {
            case "current" -> WeftRuntime.currentThread();
            case "multi-1" -> WeftRuntime.multiThread().workerThreads(1);
            case "multi-2" -> WeftRuntime.multiThread().workerThreads(2);
            case "multi-4" -> WeftRuntime.multiThread().workerThreads(4);
            default -> throw new IllegalArgumentException(flavour);
        };
    }

    /** A sleep on the current runtime's clock, created at its first poll. */
    static Awaitable<Void> sleep(Duration d) {
        return new Awaitable<>() {
            private SleepEntry entry;

            @Override
            public Poll<Void> poll(Waker w) {
                if (entry == null) {
                    TimeDriver td = RuntimeContext.timeDriver();
                    entry = new SleepEntry(td, td.deadlineAfter(d.toNanos()));
                }
                return entry.poll(w);
            }
        };
    }

    /** Pending {@code n} times, waking itself each time: a task that yields {@code n} times. */
    static Awaitable<Void> yields(int n) {
        int[] left = {n};
        return w -> {
            if (left[0]-- > 0) {
                w.wake();
                return Poll.pending();
            }
            return Poll.ready(null);
        };
    }

    /** Awaits each step in turn (each made when the one before completed), then returns {@code result}. */
    @SafeVarargs
    static <T> Awaitable<T> steps(T result, Supplier<Awaitable<?>>... steps) {
        return new Awaitable<>() {
            private int next;
            private Awaitable<?> current;

            @Override
            public Poll<T> poll(Waker w) {
                while (next < steps.length) {
                    if (current == null) {
                        current = steps[next].get();
                    }
                    if (current.poll(w).isPending()) {
                        return Poll.pending();
                    }
                    current = null;
                    next++;
                }
                return Poll.ready(result);
            }
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"current", "multi-1", "multi-2"})
    void timersFireWhileTheWorkersAreBusyAndAfterTheyParked(String flavour) throws Exception {
        try (WeftRuntime rt = runtime(flavour)) {
            // 300 yields: busy workers turn the driver between polls; then each sleep parks the
            // worker in the driver, which must be given back for the next one
            Awaitable<String> task = steps("slept", () -> yields(300), () -> sleep(Duration.ofMillis(1)),
                    () -> sleep(Duration.ofMillis(1)), () -> yields(300), () -> sleep(Duration.ofMillis(1)));
            assertEquals("slept", rt.blockOn(rt.spawn(task)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"current", "multi-1"})
    void timersFireWhileAYieldingTaskKeepsTheQueueBusy(String flavour) throws Exception {
        try (WeftRuntime rt = runtime(flavour)) {
            AtomicBoolean slept = new AtomicBoolean();
            rt.spawn(steps(null, () -> sleep(Duration.ofMillis(1)), () -> w -> {
                slept.set(true);
                return Poll.ready(null);
            }));
            // never empty, so the runtime never parks in the driver: it must turn it in between
            JoinHandle<String> busy = rt.spawn(w -> {
                if (slept.get()) {
                    return Poll.ready("timer fired");
                }
                w.wake();
                return Poll.pending();
            });
            assertEquals("timer fired", rt.blockOn(busy));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"current", "multi-1"})
    void timersFireWhileABusyRootNeverLetsTheRuntimePark(String flavour) throws Exception {
        try (WeftRuntime rt = runtime(flavour)) {
            AtomicBoolean slept = new AtomicBoolean();
            boolean[] spawned = {false};
            String v = rt.blockOn(w -> {
                if (!spawned[0]) {
                    spawned[0] = true;
                    Task.spawn(steps(null, () -> sleep(Duration.ofMillis(1)), () -> c -> {
                        slept.set(true);
                        return Poll.ready(null);
                    }));
                }
                if (slept.get()) {
                    return Poll.ready("timer fired");
                }
                w.wake();
                return Poll.pending();
            });
            assertEquals("timer fired", v);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"multi-1", "multi-2", "multi-4"})
    void tasksSpawnedFromAPlainThreadReachParkedWorkers(String flavour) throws Exception {
        try (WeftRuntime rt = runtime(flavour)) {
            for (int i = 0; i < 100; i++) {
                long parks = rt.metrics().parks();
                int v = i;
                assertEquals(v, rt.spawn(w -> Poll.ready(v)).join());
                // a worker parks once the task is done: the next spawn has to wake it
                Eventually.holds(() -> rt.metrics().parks() > parks, () -> "no worker parked after task " + v);
            }
            assertTrue(rt.metrics().polls() >= 100, "polls counted: " + rt.metrics());
        }
    }

    @Test
    void theCurrentThreadFlavourCountsItsPolls() throws Exception {
        try (WeftRuntime rt = runtime("current")) {
            List<JoinHandle<Integer>> hs = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int v = i;
                hs.add(rt.spawn(w -> Poll.ready(v)));
            }
            for (JoinHandle<Integer> h : hs) {
                rt.blockOn(h);
            }
            assertTrue(rt.metrics().polls() >= 50, "polls counted: " + rt.metrics());
        }
    }

    @Test
    void tasksQueuedOnABusyWorkerAreStolenByAnIdleOne() throws Exception {
        try (WeftRuntime rt = runtime("multi-2")) {
            int n = 64;
            Set<Thread> ranOn = ConcurrentHashMap.newKeySet();
            AtomicInteger ranElsewhere = new AtomicInteger();
            AtomicReference<Thread> parentThread = new AtomicReference<>();
            Awaitable<Integer> parent = w -> {
                parentThread.set(Thread.currentThread());
                for (int i = 0; i < n; i++) {
                    Task.spawn(c -> {
                        ranOn.add(Thread.currentThread());
                        if (Thread.currentThread() != parentThread.get()) {
                            ranElsewhere.incrementAndGet();
                        }
                        return Poll.ready(null);
                    });
                }
                // hold this worker until the other one ran half the children: it can only have
                // taken them by stealing (the LIFO slot's last child cannot be stolen), in batches
                long giveUp = System.nanoTime() + GIVE_UP_NANOS;
                while (ranElsewhere.get() < n / 2) {
                    if (System.nanoTime() - giveUp > 0) {
                        return Poll.ready(-1);
                    }
                    Thread.onSpinWait();
                }
                return Poll.ready(ranElsewhere.get());
            };
            int stolenAndRun = rt.spawn(parent).join();
            assertTrue(stolenAndRun >= n / 2, "the idle worker ran " + stolenAndRun + " of " + n + " children");
            long steals = rt.metrics().steals();
            // every child the idle worker ran while the parent held was stolen first (and counted)
            assertTrue(steals >= stolenAndRun && steals < n, "steals counted: " + steals + ", run after a steal: " + stolenAndRun);
            assertFalse(ranOn.contains(parentThread.get()) && ranOn.size() == 1);
        }
    }

    @Test
    void aTaskWokenFromAnotherRuntimesWorkerResumesOnItsOwn() throws Exception {
        try (WeftRuntime a = WeftRuntime.multiThread().workerThreads(1).threadNamePrefix("liveness-a-").build();
                WeftRuntime b = WeftRuntime.multiThread().workerThreads(1).threadNamePrefix("liveness-b-").build()) {
            Signal<String> gate = new Signal<>();
            CountDownLatch pending = new CountDownLatch(1);
            AtomicReference<String> resumedOn = new AtomicReference<>();
            JoinHandle<String> waiter = b.spawn(w -> {
                Poll<String> p = gate.poll(w);
                if (p.isPending()) {
                    pending.countDown();
                } else {
                    resumedOn.set(Thread.currentThread().getName());
                }
                return p;
            });
            assertTrue(pending.await(20, TimeUnit.SECONDS));
            a.spawn(w -> {
                gate.complete("opened");
                return Poll.ready(null);
            }).join();
            assertEquals("opened", waiter.join());
            assertTrue(resumedOn.get().startsWith("liveness-b-"), "b's task resumed on " + resumedOn.get());
        }
    }

    @Test
    void workerThreadsAreDaemons() throws Exception {
        try (WeftRuntime rt = runtime("multi-1")) {
            assertTrue(rt.spawn(w -> Poll.ready(Thread.currentThread().isDaemon())).join());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"current", "multi-1", "multi-2"})
    void aPausedClockJumpsToTheNextTimerWhenEveryThreadIsIdle(String flavour) throws Exception {
        try (WeftRuntime rt = builder(flavour).startPaused(true).build()) {
            long[] start = new long[1];
            Awaitable<Long> root = steps(0L, () -> w -> {
                start[0] = RuntimeContext.timeDriver().clock().nanoTime();
                return Poll.ready(null);
            }, () -> sleep(Duration.ofHours(1)));
            rt.blockOn(root);
            long slept = rt.blockOn(w -> Poll.ready(RuntimeContext.timeDriver().clock().nanoTime())) - start[0];
            assertTrue(slept >= Duration.ofHours(1).toNanos(), "the paused clock moved " + slept + " ns");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"current", "multi-1", "multi-2"})
    void aPausedClockHoldsWhileTheRootIsBusy(String flavour) throws Exception {
        try (WeftRuntime rt = builder(flavour).startPaused(true).build()) {
            AtomicBoolean slept = new AtomicBoolean();
            int[] busyPolls = {0};
            Awaitable<Boolean> busyRoot = w -> {
                if (busyPolls[0]++ == 0) {
                    // spawned from the root: before the root exists every thread is idle, and the
                    // clock may rightly jump
                    Task.spawn(steps(null, () -> sleep(Duration.ofHours(1)), () -> c -> {
                        slept.set(true);
                        return Poll.ready(null);
                    }));
                }
                if (slept.get()) {
                    return Poll.ready(false);
                }
                // count only once the sleeper's timer is registered: from then on a jump would end it
                if (RuntimeContext.timeDriver().pending() > 0 && busyPolls[0] >= 20_000) {
                    return Poll.ready(true);
                }
                w.wake();
                return Poll.pending();
            };
            assertTrue(rt.blockOn(busyRoot), "the clock jumped while the root was runnable");
            assertFalse(slept.get());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"current", "multi-1", "multi-2"})
    void aPausedClockWaitsForAWokenRootToRunBeforeItJumpsAgain(String flavour) throws Exception {
        try (WeftRuntime rt = builder(flavour).startPaused(true).build()) {
            // a far timer always pending: a jump taken while the woken root has not run yet lands on it
            rt.spawn(w -> {
                sleep(Duration.ofHours(10)).poll(w); // a new one at every wake: pending forever
                return Poll.<Void>pending();
            });
            for (int i = 0; i < 20; i++) {
                long[] times = new long[2];
                rt.blockOn(steps(null, () -> w -> {
                    times[0] = RuntimeContext.timeDriver().clock().nanoTime();
                    return Poll.ready(null);
                }, () -> sleep(Duration.ofSeconds(1)), () -> w -> {
                    times[1] = RuntimeContext.timeDriver().clock().nanoTime();
                    return Poll.ready(null);
                }));
                long slept = times[1] - times[0];
                assertTrue(slept >= Duration.ofSeconds(1).toNanos() && slept < Duration.ofHours(1).toNanos(),
                        "round " + i + ": a one-second sleep saw the clock move " + slept + " ns");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"multi-1", "multi-2"})
    void aRootHoldsAPausedClockWhileItRunsAndOnlyThen(String flavour) throws Exception {
        // a worker that found every root parked must not jump under a root that starts meanwhile:
        // the root holds the clock from its start to each park, so the jump is refused or came first
        try (WeftRuntime rt = builder(flavour).startPaused(true).build()) {
            PausedClock clock = (PausedClock) rt.core().driver().time().clock();
            assertFalse(clock.held(), "no root runs yet");
            boolean[] heldInRoot = new boolean[2];
            String v = rt.blockOn(steps("done", () -> w -> {
                heldInRoot[0] = clock.held();
                return Poll.ready(null);
            }, () -> rt.spawn(w -> {
                // runs on a worker while the root waits for it: it ends once the parked root let go
                if (clock.held()) {
                    w.wake();
                    return Poll.pending();
                }
                return Poll.ready(null);
            }), () -> w -> {
                heldInRoot[1] = clock.held();
                return Poll.ready(null);
            }));
            assertEquals("done", v);
            assertTrue(heldInRoot[0], "held while the root ran its first poll");
            assertTrue(heldInRoot[1], "held again once the woken root ran");
            assertFalse(clock.held(), "given back when blockOn returned");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"current", "multi-1", "multi-2"})
    void aRootIsPolledOncePerWake(String flavour) throws Exception {
        try (WeftRuntime rt = runtime(flavour)) {
            Signal<String> s = new Signal<>();
            CountDownLatch pending = new CountDownLatch(1);
            Thread opener = new Thread(() -> {
                try {
                    pending.await();
                } catch (InterruptedException e) {
                    return;
                }
                s.complete("woken");
            }, "liveness-opener");
            opener.setDaemon(true);
            opener.start();
            String v = rt.blockOn(w -> {
                Poll<String> p = s.poll(w);
                if (p.isPending()) {
                    pending.countDown();
                }
                return p;
            });
            assertEquals("woken", v);
            assertEquals(2, s.polls.get(), "polled at its start and once after its one wake");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"current", "multi-1"})
    void aYieldingTaskDoesNotStarveATaskSpawnedFromOutside(String flavour) throws Exception {
        try (WeftRuntime rt = runtime(flavour)) {
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch running = new CountDownLatch(1);
            JoinHandle<String> yielder = rt.spawn(w -> {
                running.countDown();
                if (stop.get()) {
                    return Poll.ready("stopped");
                }
                w.wake();
                return Poll.pending();
            });
            Thread outside = new Thread(() -> {
                try {
                    running.await();
                } catch (InterruptedException e) {
                    return;
                }
                rt.spawn(w -> {
                    stop.set(true);
                    return Poll.ready(null);
                });
            }, "liveness-spawner");
            outside.setDaemon(true);
            outside.start();
            assertEquals("stopped", rt.blockOn(yielder));
        }
    }

    /** Blocks its worker until released: abort cannot reach it. */
    static final class StuckOnLatch implements Awaitable<Void> {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public Poll<Void> poll(Waker waker) {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Poll.ready(null);
        }
    }

    @Test
    void shutdownNamesATaskItCouldNotStopInAWarningAndInTheException() throws Exception {
        WeftRuntime rt = WeftRuntime.multiThread().workerThreads(1).shutdownTimeout(Duration.ofMillis(50)).build();
        StuckOnLatch stuck = new StuckOnLatch();
        Logger jul = Logger.getLogger("dev.weft.runtime");
        BlockedWorkerWarningTest.Capture warning = new BlockedWorkerWarningTest.Capture("StuckOnLatch");
        jul.addHandler(warning);
        try {
            rt.spawn(stuck);
            assertTrue(stuck.entered.await(20, TimeUnit.SECONDS));
            IllegalStateException e = assertThrows(IllegalStateException.class, rt::close);
            assertTrue(e.getMessage().contains("1 task(s) still running") && e.getMessage().contains("StuckOnLatch"),
                    e.getMessage());
            assertEquals(0, warning.seen.getCount(), "the same is logged as a warning");
            assertTrue(warning.first.get().contains("StuckOnLatch"));
        } finally {
            jul.removeHandler(warning);
            stuck.release.countDown();
        }
    }

    @Test
    void theWatchdogForgetsThreadsThatLeftBlockOnAndStopsWithTheRuntime() throws Exception {
        Thread watchdogThread;
        try (WeftRuntime rt = WeftRuntime.multiThread().workerThreads(1).warnOnBlockedWorker(true).build()) {
            PollWatchdog dog = rt.core().watchdog();
            rt.blockOn(rt.spawn(w -> Poll.ready(1)));
            int watched = dog.watched();
            for (int i = 0; i < 5; i++) {
                rt.blockOn(w -> Poll.ready(1));
            }
            assertEquals(watched, dog.watched(), "every blockOn thread is forgotten when it leaves");
            String name = rt.core().name() + "-watchdog";
            watchdogThread = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals(name)).findFirst().orElse(null);
            assertNotNull(watchdogThread, "the watchdog runs while warnings are on");
        }
        watchdogThread.join(TimeUnit.SECONDS.toMillis(20));
        assertFalse(watchdogThread.isAlive(), "the watchdog stopped with its runtime");
    }

    @Test
    void spawnAfterCloseIsRefused() throws Exception {
        WeftRuntime rt = runtime("multi-1");
        AtomicInteger ran = new AtomicInteger();
        rt.close();
        assertThrows(IllegalStateException.class, () -> rt.spawn(w -> Poll.ready(ran.incrementAndGet())));
        assertEquals(0, ran.get());
    }
}
