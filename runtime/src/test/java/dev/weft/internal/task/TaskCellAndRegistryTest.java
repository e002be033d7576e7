package dev.weft.internal.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Awaitable;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link TaskCell}'s naming and task-locals, {@link OwnedTasks}' count and close, {@link YieldOnce}. */
class TaskCellAndRegistryTest {
    /** Runs nothing: tasks here are never scheduled. */
    static final TaskScheduler NOWHERE = new TaskScheduler() {
        @Override
        public void schedule(TaskCell<?> task) {
        }

        @Override
        public void scheduleYield(TaskCell<?> task) {
        }

        @Override
        public void release(TaskCell<?> task) {
        }
    };

    /** A future whose class name is what a task dump shows for it. */
    static final class FetchPrices implements Awaitable<Integer> {
        @Override
        public Poll<Integer> poll(Waker waker) {
            return Poll.ready(1);
        }
    }

    @Test
    void aTaskIsNamedForTheFutureItRunsOrForItsGivenName() {
        TaskCell<Integer> t = new TaskCell<>(new FetchPrices(), NOWHERE);
        assertEquals("FetchPrices", t.name());
        assertTrue(t.toString().contains("FetchPrices"), t.toString());
        t.setName("prices");
        assertEquals("prices", t.name());
    }

    @Test
    void aLocalNeverSetReadsNullWhateverItsIndex() {
        TaskCell<Integer> t = new TaskCell<>(new FetchPrices(), NOWHERE);
        assertNull(t.localValue(0));
        t.setLocalValue(1, "one");
        assertEquals("one", t.localValue(1));
        // the table grew to 4 slots for index 1: every index past it is unset, not out of range
        for (int i = 0; i <= 8; i++) {
            if (i != 1) {
                assertNull(t.localValue(i), "index " + i);
            }
        }
    }

    @Test
    void theRegistryCountsLiveTasksAndRefusesNewOnesOnceClosed() {
        OwnedTasks owned = new OwnedTasks(2);
        List<TaskCell<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            TaskCell<Integer> t = new TaskCell<>(new FetchPrices(), NOWHERE);
            assertTrue(owned.bind(t), "an open registry takes a task");
            tasks.add(t);
        }
        assertEquals(5, owned.size());
        owned.remove(tasks.get(0));
        assertEquals(4, owned.size());
        assertEquals(4, owned.snapshot().size());
        owned.close();
        assertFalse(owned.bind(new TaskCell<>(new FetchPrices(), NOWHERE)), "a closed registry refuses");
        assertEquals(4, owned.size());
    }

    @Test
    void aTaskReusesOneYieldWhoseFirstPollAfterEachResetIsPending() {
        TaskCell<Integer> t = new TaskCell<>(new FetchPrices(), NOWHERE);
        YieldOnce first = t.yieldOnce();
        assertTrue(first.poll(Waker.NOOP).isPending());
        assertTrue(first.poll(Waker.NOOP).isReady());
        YieldOnce second = t.yieldOnce();
        assertSame(first, second, "one yield per task: a yield allocates nothing");
        assertTrue(second.poll(Waker.NOOP).isPending(), "each yield is pending once again");
        // two yields pending at once in one task (two coroutines it polls): each re-poll is ready
        YieldOnce a = t.yieldOnce();
        assertTrue(a.poll(Waker.NOOP).isPending());
        YieldOnce b = t.yieldOnce();
        assertTrue(b.poll(Waker.NOOP).isPending());
        assertTrue(a.poll(Waker.NOOP).isReady());
        assertTrue(b.poll(Waker.NOOP).isReady());
    }

    @Test
    void yieldOnceIsPendingOnceAndWakesItself() {
        YieldOnce y = new YieldOnce();
        int[] wakes = new int[1];
        Waker w = () -> wakes[0]++;
        assertTrue(y.poll(w).isPending());
        assertEquals(1, wakes[0], "the first poll wakes its own waker, so the task is queued again");
        assertTrue(y.poll(w).isReady());
        assertEquals(1, wakes[0]);
    }
}
