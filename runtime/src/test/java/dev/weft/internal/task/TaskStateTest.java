package dev.weft.internal.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Every transition of {@link TaskState}, one thread at a time. */
class TaskStateTest {
    @Test
    void newTaskIsNotifiedAndRunsOnce() {
        TaskState s = new TaskState();
        assertEquals(TaskState.NOTIFIED, s.load());
        assertEquals(TaskState.Running.SUCCESS, s.transitionToRunning());
        assertEquals(TaskState.RUNNING, s.load());
        // a second queue entry for the same task must not run it again
        assertEquals(TaskState.Running.FAILED, s.transitionToRunning());
    }

    @Test
    void onlyANotifiedTaskThatIsNeitherRunningNorCompleteCanBeRun() {
        // a stale queue entry of an idle task (woken, polled, idle again) must not poll it
        TaskState idle = runningThenIdle();
        assertEquals(TaskState.Running.FAILED, idle.transitionToRunning());
        // nor may an entry run a task that is running and was woken meanwhile
        TaskState running = new TaskState();
        running.transitionToRunning();
        running.transitionToNotified();
        assertEquals(TaskState.Running.FAILED, running.transitionToRunning());
    }

    @Test
    void wakeWhileIdleSubmitsOnceAndDuplicatesDoNothing() {
        TaskState s = runningThenIdle();
        assertEquals(TaskState.Notify.SUBMIT, s.transitionToNotified());
        assertEquals(TaskState.Notify.DO_NOTHING, s.transitionToNotified());
        assertEquals(TaskState.Running.SUCCESS, s.transitionToRunning());
    }

    @Test
    void wakeDuringPollIsReportedAtIdle() {
        TaskState s = new TaskState();
        s.transitionToRunning();
        assertEquals(TaskState.Notify.DO_NOTHING, s.transitionToNotified());
        assertEquals(TaskState.Notify.DO_NOTHING, s.transitionToNotified());
        assertEquals(TaskState.Idle.OK_NOTIFIED, s.transitionToIdle());
        // still notified: the runner enqueues it, and the next runner can take it
        assertEquals(TaskState.Running.SUCCESS, s.transitionToRunning());
    }

    @Test
    void completeTaskIgnoresWakesAndAborts() {
        TaskState s = new TaskState();
        s.transitionToRunning();
        s.transitionToNotified();
        s.transitionToComplete();
        assertEquals(TaskState.COMPLETE, s.load());
        assertEquals(TaskState.Notify.DO_NOTHING, s.transitionToNotified());
        assertEquals(TaskState.Notify.DO_NOTHING, s.transitionToCancelled());
        assertEquals(TaskState.Running.FAILED, s.transitionToRunning());
    }

    @Test
    void abortOfIdleTaskSubmitsItAsCancelled() {
        TaskState s = runningThenIdle();
        assertEquals(TaskState.Notify.SUBMIT, s.transitionToCancelled());
        assertEquals(TaskState.Notify.DO_NOTHING, s.transitionToCancelled());
        assertEquals(TaskState.Notify.DO_NOTHING, s.transitionToNotified());
        assertEquals(TaskState.Running.CANCELLED, s.transitionToRunning());
    }

    @Test
    void abortOfQueuedTaskDoesNotQueueItTwice() {
        TaskState s = new TaskState();
        assertEquals(TaskState.Notify.DO_NOTHING, s.transitionToCancelled());
        assertTrue(s.isCancelled());
        assertEquals(TaskState.Running.CANCELLED, s.transitionToRunning());
    }

    @Test
    void abortDuringPollIsSeenAtIdle() {
        TaskState s = new TaskState();
        s.transitionToRunning();
        assertEquals(TaskState.Notify.DO_NOTHING, s.transitionToCancelled());
        assertEquals(TaskState.Idle.CANCELLED, s.transitionToIdle());
        // the runner still holds it
        assertTrue((s.load() & TaskState.RUNNING) != 0);
        int before = s.transitionToComplete();
        assertTrue((before & TaskState.CANCELLED) != 0);
        assertTrue(s.isComplete());
        assertFalse((s.load() & (TaskState.RUNNING | TaskState.NOTIFIED)) != 0);
    }

    private static TaskState runningThenIdle() {
        TaskState s = new TaskState();
        s.transitionToRunning();
        assertEquals(TaskState.Idle.OK, s.transitionToIdle());
        assertEquals(0, s.load());
        return s;
    }

    @Test
    void freshStateIsNotCancelledAndPrintsItsBits() {
        TaskState s = new TaskState();
        assertFalse(s.isCancelled());
        assertFalse(s.isComplete());
        assertEquals("TaskState[NOTIFIED]", s.toString());
        assertEquals(TaskState.Running.SUCCESS, s.transitionToRunning());
        assertEquals("TaskState[RUNNING]", s.toString());
        s.transitionToCancelled();
        assertTrue(s.isCancelled());
        assertEquals("TaskState[RUNNING NOTIFIED CANCELLED]", s.toString());
        s.transitionToComplete();
        assertEquals("TaskState[COMPLETE CANCELLED]", s.toString());
    }
}
