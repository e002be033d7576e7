package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.future.Awaitable;
import dev.weft.future.CancelledException;
import dev.weft.future.Poll;
import dev.weft.internal.task.Sneaky;
import dev.weft.testing.Eventually;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The runtime's behaviour with hand-written futures (these tests run without the agent, so no
 * coroutine bodies): spawning, joining, failures, aborts, shutdown, blockOn rules, both flavours.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WeftRuntimeTest {
    static WeftRuntime runtime(String flavour) {
        return flavour.equals("multi")
                ? WeftRuntime.multiThread().workerThreads(2).threadNamePrefix("test-worker-").build()
                : WeftRuntime.currentThread().build();
    }

    @Test
    void spawnFromAPlainThreadAndJoinBlocking() throws Exception {
        try (WeftRuntime rt = runtime("multi")) {
            Signal<String> s = new Signal<>();
            JoinHandle<String> h = rt.spawn(s);
            assertFalse(h.isFinished());
            Thread completer = new Thread(() -> s.complete("done"));
            completer.start();
            assertEquals("done", h.join());
            assertTrue(h.isFinished());
            // join after completion is repeatable
            assertEquals("done", h.join());
        }
    }

    @Test
    void wakeAfterWorkersWentIdleIsNotLost() throws Exception {
        try (WeftRuntime rt = runtime("multi")) {
            for (int i = 0; i < 20; i++) {
                Signal<Integer> s = new Signal<>();
                JoinHandle<Integer> h = rt.spawn(s);
                Thread.sleep(5);
                s.complete(i);
                assertEquals(i, h.join());
            }
        }
    }

    @Test
    void aThrowingTaskFailsItsJoinWithTheCauseAndTheWorkerSurvives() throws Exception {
        List<TaskFailedException> reported = new CopyOnWriteArrayList<>();
        try (WeftRuntime rt = WeftRuntime.multiThread().workerThreads(1).onTaskFailure(reported::add).build()) {
            IOException boom = new IOException("boom");
            JoinHandle<Object> h = rt.spawn(w -> {
                throw Sneaky.<RuntimeException>rethrow(boom);
            });
            TaskFailedException e = assertThrows(TaskFailedException.class, h::join);
            assertSame(boom, e.getCause());
            assertEquals(h.id(), e.taskId());
            // an Error too, and a failure handler that throws
            JoinHandle<Object> h2 = rt.spawn(w -> {
                throw new AssertionError("error in task");
            });
            assertThrows(TaskFailedException.class, h2::join);
            // the only worker still runs tasks
            assertEquals(42, rt.spawn(w -> Poll.ready(42)).join());
            Eventually.holds(() -> reported.size() == 2, () -> "condition not reached in 20 s");
            assertSame(boom, reported.get(0).getCause());
        }
    }

    @Test
    void aThrowingFailureHandlerDoesNotKillTheWorker() throws Exception {
        try (WeftRuntime rt = WeftRuntime.multiThread().workerThreads(1)
                .onTaskFailure(e -> {
                    throw new IllegalStateException("handler bug");
                }).build()) {
            JoinHandle<Object> h = rt.spawn(w -> {
                throw new IllegalArgumentException("x");
            });
            assertThrows(TaskFailedException.class, h::join);
            assertEquals(1, rt.spawn(w -> Poll.ready(1)).join());
        }
    }

    @Test
    void abortCancelsAPendingTaskAndAbandonsItsFuture() throws Exception {
        try (WeftRuntime rt = runtime("multi")) {
            Signal<String> s = new Signal<>();
            JoinHandle<String> h = rt.spawn(s);
            Eventually.holds(() -> s.polls.get() == 1, () -> "condition not reached in 20 s");
            h.abort();
            assertThrows(CancelledException.class, h::join);
            assertTrue(h.isFinished());
            assertEquals(1, s.abandoned.get());
            // complete after abort: nothing happens, no further poll
            s.complete("late");
            h.abort();
            assertEquals(1, s.polls.get());
        }
    }

    @Test
    void abortBeforeTheFirstPollNeverPolls() throws Exception {
        try (WeftRuntime rt = runtime("current")) {
            Signal<String> s = new Signal<>();
            JoinHandle<String> h = rt.spawn(s);
            h.abort();
            // the current-thread runtime runs tasks only inside blockOn; yield once to let it
            rt.blockOn(new Yielder(1, () -> true));
            assertTrue(h.isFinished());
            assertThrows(CancelledException.class, h::join);
            assertEquals(0, s.polls.get());
            assertEquals(0, s.abandoned.get());
        }
    }

    @Test
    void closeCancelsLiveTasksAndRefusesNewWork() throws Exception {
        WeftRuntime rt = runtime("multi");
        List<Signal<Integer>> signals = new ArrayList<>();
        List<JoinHandle<Integer>> handles = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Signal<Integer> s = new Signal<>();
            signals.add(s);
            handles.add(rt.spawn(s));
        }
        Eventually.holds(() -> signals.stream().allMatch(s -> s.polls.get() == 1), () -> "condition not reached in 20 s");
        rt.close();
        assertEquals(0, rt.liveTasks());
        for (int i = 0; i < 100; i++) {
            assertTrue(handles.get(i).isFinished());
            assertThrows(CancelledException.class, handles.get(i)::join);
            assertEquals(1, signals.get(i).abandoned.get());
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> rt.spawn(w -> Poll.ready(1)));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> rt.blockOn(w -> Poll.ready(1)));
        rt.close(); // idempotent
    }

    @Test
    void closeNamesTasksThatDoNotFinishInTime() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        WeftRuntime rt = WeftRuntime.multiThread().workerThreads(2).shutdownTimeout(Duration.ofMillis(200)).build();
        JoinHandle<Object> stuck = rt.spawn(new Awaitable<Object>() {
            @Override
            public Poll<Object> poll(dev.weft.future.Waker w) {
                entered.countDown();
                try {
                    release.await(); // blocks its worker: cancellation cannot reach it
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Poll.ready(null);
            }

            @Override
            public String toString() {
                return "BlockingFuture";
            }
        });
        assertTrue(entered.await(10, TimeUnit.SECONDS));
        long start = System.nanoTime();
        IllegalStateException e = assertThrows(IllegalStateException.class, rt::close);
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        release.countDown();
        assertTrue(e.getMessage().contains("task-" + stuck.id()), e.getMessage());
        assertTrue(e.getMessage().contains("1 task(s) still running"), e.getMessage());
        assertTrue(tookMs < 5_000, "close took " + tookMs + " ms");
    }

    @ParameterizedTest
    @ValueSource(strings = {"multi", "current"})
    void nestedBlockOnIsAClearError(String flavour) throws Exception {
        try (WeftRuntime rt = runtime(flavour)) {
            String msg = rt.blockOn(w -> {
                try {
                    rt.blockOn(w2 -> Poll.ready("inner"));
                    return Poll.ready("no error");
                } catch (Exception e) {
                    return Poll.ready(e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            });
            assertTrue(msg.startsWith("IllegalStateException") && msg.contains("inside another blockOn"), msg);
        }
    }

    @Test
    void blockOnOnAWorkerThreadIsAClearError() throws Exception {
        try (WeftRuntime rt = runtime("multi")) {
            String msg = rt.spawn(w -> {
                try {
                    rt.blockOn(w2 -> Poll.ready("inner"));
                    return Poll.ready("no error");
                } catch (Exception e) {
                    return Poll.ready(e.getMessage());
                }
            }).join();
            assertTrue(msg.contains("worker thread 'test-worker-"), msg);
        }
    }

    @Test
    void blockOnRethrowsTheBodysExceptionUnchanged() {
        try (WeftRuntime rt = runtime("multi")) {
            IOException boom = new IOException("boom");
            IOException thrown = assertThrows(IOException.class, () -> rt.blockOn(w -> {
                throw Sneaky.<RuntimeException>rethrow(boom);
            }));
            assertSame(boom, thrown);
        }
    }

    @Test
    void taskSpawnOutsideARuntimeIsAClearError() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Task.spawn(w -> Poll.ready(1)));
        assertTrue(e.getMessage().contains("outside a Weft runtime"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> new TaskLocal<String>().get());
        assertEquals(-1, Task.currentId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"multi", "current"})
    void taskSpawnInsideBlockOnUsesThatRuntime(String flavour) throws Exception {
        try (WeftRuntime rt = runtime(flavour)) {
            Thread caller = Thread.currentThread();
            AtomicReference<Thread> ranOn = new AtomicReference<>();
            int v = rt.blockOn(new Awaitable<Integer>() {
                JoinHandle<Integer> child;

                @Override
                public Poll<Integer> poll(dev.weft.future.Waker w) {
                    if (child == null) {
                        child = Task.spawn(w2 -> {
                            ranOn.set(Thread.currentThread());
                            return Poll.ready(20);
                        });
                    }
                    Poll<Integer> p = child.poll(w);
                    return p.isReady() ? Poll.ready(p.value() + 1) : Poll.pending();
                }
            });
            assertEquals(21, v);
            assertEquals(flavour.equals("current"), ranOn.get() == caller);
        }
    }

    @Test
    void currentThreadRuntimeRunsManyTasksOnTheCaller() throws Exception {
        try (WeftRuntime rt = runtime("current")) {
            Thread caller = Thread.currentThread();
            List<JoinHandle<Boolean>> hs = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                hs.add(rt.spawn(new Yielder(3, () -> Thread.currentThread() == caller)));
            }
            // a root that waits for all of them
            int onCaller = rt.blockOn(w -> {
                int n = 0;
                for (JoinHandle<Boolean> h : hs) {
                    Poll<Boolean> p = h.poll(w);
                    if (p.isPending()) {
                        return Poll.pending();
                    }
                    n += p.value() ? 1 : 0;
                }
                return Poll.ready(n);
            });
            assertEquals(1000, onCaller);
            assertEquals(0, rt.liveTasks());
        }
    }

    @Test
    void currentThreadCloseRunsCancellationsOnTheClosingThread() {
        WeftRuntime rt = runtime("current");
        Signal<Integer> s = new Signal<>();
        JoinHandle<Integer> h = rt.spawn(s);
        rt.close();
        assertTrue(h.isFinished());
        assertThrows(CancelledException.class, h::join);
    }

    @Test
    void joinSetReturnsResultsInCompletionOrder() throws Exception {
        try (WeftRuntime rt = runtime("multi"); JoinSet<Integer> set = new JoinSet<>()) {
            List<Signal<Integer>> s = List.of(new Signal<>(), new Signal<>(), new Signal<>(), new Signal<>());
            for (Signal<Integer> x : s) {
                set.spawnOn(rt, x);
            }
            assertEquals(4, set.size());
            s.get(2).complete(2);
            assertEquals(2, set.joinNext());
            s.get(0).complete(0);
            assertEquals(0, set.joinNext());
            s.get(1).fail(new IOException("one"));
            TaskFailedException e = assertThrows(TaskFailedException.class, set::joinNext);
            assertEquals("one", e.getCause().getMessage());
            assertEquals(1, set.size());
            set.close();
            assertThrows(CancelledException.class, set::joinNext);
            assertTrue(set.isEmpty());
            assertThrows(NoSuchElementException.class, set::joinNext);
        }
    }

    @Test
    void taskLocalsFollowTheirTaskAcrossWorkers() throws Exception {
        TaskLocal<Long> mine = new TaskLocal<>();
        TaskLocal<String> withDefault = TaskLocal.withInitial(() -> "fresh");
        try (WeftRuntime rt = runtime("multi")) {
            List<JoinHandle<Integer>> hs = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                hs.add(rt.spawn(new Awaitable<Integer>() {
                    int polls;

                    @Override
                    public Poll<Integer> poll(dev.weft.future.Waker w) {
                        if (polls++ == 0) {
                            if (!"fresh".equals(withDefault.get())) {
                                throw new AssertionError("initial value");
                            }
                            mine.set(Task.currentId());
                            withDefault.set("set");
                        } else if (mine.get() != Task.currentId() || !"set".equals(withDefault.get())) {
                            throw new AssertionError("task-local lost: " + mine.get() + " in " + Task.currentId());
                        }
                        if (polls == 20) {
                            return Poll.ready(polls);
                        }
                        // wake from another thread, so the next poll may land on another worker
                        new Thread(w::wake).start();
                        return Poll.pending();
                    }
                }));
            }
            for (JoinHandle<Integer> h : hs) {
                assertEquals(20, h.join());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"multi", "current"})
    void chainedSpawnsFromInsideTasksAllRun(String flavour) throws Exception {
        int hops = 100_000;
        java.util.concurrent.atomic.AtomicInteger ran = new java.util.concurrent.atomic.AtomicInteger();
        Signal<Integer> last = new Signal<>();
        try (WeftRuntime rt = runtime(flavour)) {
            // each task spawns the next from its worker (the LIFO path) and finishes
            final class Hop implements Awaitable<Void> {
                final int k;

                Hop(int k) {
                    this.k = k;
                }

                @Override
                public Poll<Void> poll(dev.weft.future.Waker w) {
                    ran.incrementAndGet();
                    if (k + 1 < hops) {
                        Task.spawn(new Hop(k + 1));
                    } else {
                        last.complete(k);
                    }
                    return Poll.ready(null);
                }
            }
            int k = rt.blockOn(w -> {
                Task.spawn(new Hop(0));
                return Poll.ready(0);
            }) + rt.blockOn(last);
            assertEquals(hops - 1, k);
            assertEquals(hops, ran.get());
            Eventually.holds(() -> rt.liveTasks() == 0, () -> "condition not reached in 20 s");
        }
    }

    @Test
    void yieldNowOutsideACoroutineReturns() throws Exception {
        // on a plain thread there is no task to reschedule: it returns at once, on this thread,
        // and the thread stays usable (no runtime context leaks onto it)
        Thread caller = Thread.currentThread();
        Task.yieldNow();
        assertSame(caller, Thread.currentThread());
        assertEquals(-1, Task.currentId(), "no task appeared on the plain thread");
        Thread other = new Thread(Task::yieldNow);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        other.setUncaughtExceptionHandler((t, e) -> failure.set(e));
        other.start();
        other.join(TimeUnit.SECONDS.toMillis(20));
        assertFalse(other.isAlive(), "yieldNow on a plain thread returned");
        assertNull(failure.get(), "yieldNow on a plain thread threw");
    }

    @Test
    void builderRejectsBadValuesByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WeftRuntime.multiThread().workerThreads(0));
        assertTrue(e.getMessage().contains("workerThreads"));
        assertThrows(IllegalStateException.class, () -> WeftRuntime.currentThread().workerThreads(2));
        assertThrows(IllegalArgumentException.class, () -> WeftRuntime.multiThread().localQueueCapacity(6));
        assertThrows(IllegalArgumentException.class, () -> WeftRuntime.multiThread().shutdownTimeout(Duration.ofSeconds(-1)));
    }

    @Test
    void idleWorkersUseNoCpu() throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        assumeTrue(mx.isThreadCpuTimeSupported(), "thread CPU time is not supported by this JVM: skipped, not passed");
        try (WeftRuntime rt = WeftRuntime.multiThread().workerThreads(2).threadNamePrefix("idle-check-").build()) {
            // some work first, so the workers have been through search and park
            for (int i = 0; i < 1000; i++) {
                rt.spawn(new Yielder(2, () -> true));
            }
            Eventually.holds(() -> rt.liveTasks() == 0, () -> "condition not reached in 20 s");
            Thread.sleep(100);
            List<Thread> workers = new ArrayList<>();
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().startsWith("idle-check-")) {
                    workers.add(t);
                }
            }
            assertEquals(2, workers.size());
            long before = 0;
            for (Thread t : workers) {
                before += mx.getThreadCpuTime(t.getId());
            }
            Thread.sleep(500);
            long after = 0;
            for (Thread t : workers) {
                after += mx.getThreadCpuTime(t.getId());
            }
            long usedMs = TimeUnit.NANOSECONDS.toMillis(after - before);
            assertTrue(usedMs < 50, "idle workers used " + usedMs + " ms of CPU in 500 ms");
        }
    }

    /** Pending {@code n} times, waking itself each time (a yield), then ready with {@code result}. */
    static final class Yielder implements Awaitable<Boolean> {
        private int left;
        private final java.util.function.BooleanSupplier result;

        Yielder(int n, java.util.function.BooleanSupplier result) {
            this.left = n;
            this.result = result;
        }

        @Override
        public Poll<Boolean> poll(dev.weft.future.Waker w) {
            if (left-- > 0) {
                w.wake();
                return Poll.pending();
            }
            return Poll.ready(result.getAsBoolean());
        }
    }
}
