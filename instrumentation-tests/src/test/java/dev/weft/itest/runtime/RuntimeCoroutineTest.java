package dev.weft.itest.runtime;

import static dev.weft.Async.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.JoinHandle;
import dev.weft.JoinSet;
import dev.weft.Suspendable;
import dev.weft.Task;
import dev.weft.TaskFailedException;
import dev.weft.TaskLocal;
import dev.weft.WeftRuntime;
import dev.weft.future.CancelledException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The runtime driving real coroutines (the agent is attached): spawn and join inside tasks,
 * yields, task-locals across awaits, cancellation running {@code finally}, shutdown, failures,
 * the cooperative budget. Each scenario runs on both flavours where it applies.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RuntimeCoroutineTest {
    static WeftRuntime runtime(String flavour) {
        return flavour.equals("multi")
                ? WeftRuntime.multiThread().workerThreads(2).threadNamePrefix("itest-worker-").build()
                : WeftRuntime.currentThread().build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"multi", "current"})
    void blockOnAwaitsAndReturns(String flavour) throws Exception {
        try (WeftRuntime rt = runtime(flavour); SuspendedGate gates = new SuspendedGate(rt)) {
            int v = rt.blockOn(() -> await(gates.afterSuspend(20)) + await(gates.afterSuspend(1)));
            assertEquals(21, v);
            assertEquals(2, gates.completed(), "both awaits suspended the blockOn task");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"multi", "current"})
    void spawnAndJoinInsideTasks(String flavour) throws Exception {
        try (WeftRuntime rt = runtime(flavour); SuspendedGate gates = new SuspendedGate(rt)) {
            int v = rt.blockOn(() -> {
                JoinHandle<Integer> h = Task.spawn(() -> {
                    JoinHandle<Integer> inner = Task.spawn(() -> await(gates.afterSuspend(10)));
                    return inner.join() + 1;
                });
                return h.join() * 2;
            });
            assertEquals(22, v);
            assertEquals(1, gates.completed(), "the inner task suspended in its await");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"multi", "current"})
    void manyTasksYieldAndAreJoinedInCompletionOrder(String flavour) throws Exception {
        try (WeftRuntime rt = runtime(flavour)) {
            long sum = rt.blockOn(() -> {
                try (JoinSet<Integer> set = new JoinSet<>()) {
                    for (int i = 0; i < 1000; i++) {
                        int n = i;
                        set.spawn(() -> {
                            for (int k = 0; k < 10; k++) {
                                Task.yieldNow();
                            }
                            return n;
                        });
                    }
                    long s = 0;
                    while (!set.isEmpty()) {
                        s += set.joinNext();
                    }
                    return s;
                }
            });
            assertEquals(999L * 1000 / 2, sum);
            assertEquals(0, rt.liveTasks());
        }
    }

    @Test
    void yieldNowInterleavesTasksOnTheCurrentThreadRuntime() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        try (WeftRuntime rt = runtime("current")) {
            rt.blockOn(() -> {
                JoinHandle<Void> a = Task.spawn(() -> step(log, "a"));
                JoinHandle<Void> b = Task.spawn(() -> step(log, "b"));
                a.join();
                b.join();
                return null;
            });
        }
        assertEquals(List.of("a0", "b0", "a1", "b1", "a2", "b2"), log);
    }

    @Suspendable
    static Void step(List<String> log, String name) {
        for (int i = 0; i < 3; i++) {
            log.add(name + i);
            Task.yieldNow();
        }
        return null;
    }

    @Test
    void taskLocalsFollowTheTaskAcrossAwaitsAndWorkers() throws Exception {
        TaskLocal<String> requestId = TaskLocal.withInitial(() -> "none");
        // the worker each task segment ran on: entry [task][segment], segment 0 before the first await
        int tasks = 100;
        int awaits = 5;
        String[][] ranOn = new String[tasks][awaits + 1];
        try (WeftRuntime rt = runtime("multi"); SuspendedGate gates = new SuspendedGate(rt)) {
            int ok = rt.blockOn(() -> {
                List<JoinHandle<Boolean>> hs = new ArrayList<>();
                for (int i = 0; i < tasks; i++) {
                    String id = "r-" + i;
                    String[] segments = ranOn[i];
                    hs.add(Task.spawn(() -> {
                        boolean fresh = requestId.get().equals("none");
                        requestId.set(id);
                        segments[0] = Thread.currentThread().getName();
                        boolean same = true;
                        for (int k = 0; k < awaits; k++) {
                            await(gates.afterSuspend(k));
                            segments[k + 1] = Thread.currentThread().getName();
                            same &= requestId.get().equals(id);
                            Task.yieldNow();
                        }
                        return fresh && same;
                    }));
                }
                int n = 0;
                for (JoinHandle<Boolean> h : hs) {
                    n += h.join() ? 1 : 0;
                }
                return n;
            });
            assertEquals(tasks, ok, "every task saw only its own value, after every await");
            assertEquals(tasks * awaits, gates.completed(), "every await suspended its task");
        }
        int moved = 0;
        for (String[] segments : ranOn) {
            for (int k = 0; k < segments.length; k++) {
                assertTrue(segments[k].startsWith("itest-worker-"), "segment ran on " + segments[k]);
                if (k > 0 && !segments[k].equals(segments[k - 1])) {
                    moved++;
                }
            }
        }
        // 500 resumptions woken from a foreign thread onto two busy workers: the value must
        // have followed some task to the other worker, or the test proves nothing
        assertTrue(moved > 0, "no task ever resumed on another worker");
    }

    @ParameterizedTest
    @ValueSource(strings = {"multi", "current"})
    void abortRunsFinallyAndTryWithResources(String flavour) throws Exception {
        AtomicBoolean finallyRan = new AtomicBoolean();
        AtomicBoolean closed = new AtomicBoolean();
        AtomicBoolean afterAwait = new AtomicBoolean();
        CompletableFuture<Integer> never = new CompletableFuture<>();
        AtomicBoolean started = new AtomicBoolean();
        try (WeftRuntime rt = runtime(flavour)) {
            String outcome = rt.blockOn(() -> {
                JoinHandle<Integer> h = Task.spawn(() -> {
                    try (AutoCloseable r = () -> closed.set(true)) {
                        started.set(true);
                        int v = await(never);
                        afterAwait.set(true);
                        return v;
                    } finally {
                        finallyRan.set(true);
                    }
                });
                while (!started.get()) {
                    Task.yieldNow(); // let it start and suspend (a task aborted before it starts never runs)
                }
                h.abort();
                try {
                    h.join();
                    return "joined";
                } catch (CancelledException e) {
                    return "cancelled";
                }
            });
            assertEquals("cancelled", outcome);
        }
        assertTrue(finallyRan.get(), "finally ran");
        assertTrue(closed.get(), "try-with-resources closed");
        assertTrue(!afterAwait.get(), "code after the await did not run");
    }

    @ParameterizedTest
    @ValueSource(strings = {"multi", "current"})
    void closeCancelsLiveTasksAndRunsTheirFinallyBlocks(String flavour) throws Exception {
        int n = 50;
        CountDownLatch started = new CountDownLatch(n);
        AtomicInteger finallies = new AtomicInteger();
        CompletableFuture<Void> never = new CompletableFuture<>();
        WeftRuntime rt = runtime(flavour);
        List<JoinHandle<Void>> hs = new ArrayList<>();
        rt.blockOn(() -> {
            for (int i = 0; i < n; i++) {
                hs.add(Task.spawn(() -> {
                    try {
                        started.countDown();
                        await(never);
                        return null;
                    } finally {
                        finallies.incrementAndGet();
                    }
                }));
            }
            for (int i = 0; i < 3; i++) {
                Task.yieldNow();
            }
            return null;
        });
        assertTrue(started.await(10, TimeUnit.SECONDS));
        rt.close();
        assertEquals(n, finallies.get());
        for (JoinHandle<Void> h : hs) {
            assertThrows(CancelledException.class, h::join);
        }
    }

    @Test
    void aTaskFailureReachesJoinAndBlockOnRethrowsUnchanged() throws Exception {
        ConcurrentLinkedQueue<TaskFailedException> reported = new ConcurrentLinkedQueue<>();
        try (WeftRuntime rt = WeftRuntime.multiThread().workerThreads(2).onTaskFailure(reported::add).build();
                SuspendedGate gates = new SuspendedGate(rt)) {
            IOException boom = new IOException("boom");
            Throwable cause = rt.blockOn(() -> {
                JoinHandle<Integer> h = Task.spawn(() -> {
                    await(gates.afterSuspend(1));
                    throw boom;
                });
                try {
                    h.join();
                    return null;
                } catch (TaskFailedException e) {
                    return e.getCause();
                }
            });
            assertSame(boom, cause);
            assertEquals(1, reported.size());
            IOException thrown = assertThrows(IOException.class, () -> rt.blockOn(() -> {
                await(gates.afterSuspend(1));
                throw boom;
            }));
            assertSame(boom, thrown);
        }
    }

    @Test
    void theBudgetMakesABusyTaskYieldToOthersOnOneWorker() throws Exception {
        try (WeftRuntime rt = WeftRuntime.multiThread().workerThreads(1).build()) {
            AtomicBoolean stop = new AtomicBoolean();
            JoinHandle<Long> busy = rt.spawn(() -> {
                long spins = 0;
                CompletableFuture<Integer> ready = CompletableFuture.completedFuture(1);
                while (!stop.get()) {
                    spins += await(ready); // always ready: only the budget makes it yield
                }
                return spins;
            });
            JoinHandle<Void> stopper = rt.spawn(() -> {
                stop.set(true);
                return null;
            });
            stopper.join();
            assertTrue(busy.join() > 0);
        }
    }

    @Test
    void nestedBlockOnInsideACoroutineIsAClearError() throws Exception {
        try (WeftRuntime rt = runtime("multi")) {
            String msg = rt.blockOn(() -> {
                try {
                    return rt.blockOn(() -> "inner");
                } catch (IllegalStateException e) {
                    return e.getMessage();
                }
            });
            assertTrue(msg.contains("inside another blockOn"), msg);
        }
    }
}
