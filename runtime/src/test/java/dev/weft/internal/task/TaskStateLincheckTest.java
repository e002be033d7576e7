package dev.weft.internal.task;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

/**
 * Model checks {@link TaskState} under racing wakes, aborts and runners: every interleaving of a
 * few threads that each wake the task, abort it, or act as a worker that takes a queued entry and
 * polls it (a poll completes the task on its second run).
 *
 * <p>The operations return nothing and throw on a broken invariant inside a poll (a double poll,
 * a poll after completion, a queue entry that was not runnable); {@link #check()} then checks the
 * quiescent state: {@code NOTIFIED} on an incomplete task if and only if exactly one queue entry
 * exists, no duplicate entry, no abort left unprocessed, and no lost wake-up by wake epochs.
 *
 * <h2>Wake epochs</h2>
 * Each poll that starts bumps {@code pollEpoch} right after its {@code transitionToRunning}. A
 * wake (or abort) reads the epoch <em>before</em> its own transition, so an epoch equal to the
 * last poll's proves the wake came after that poll started: that poll cannot have seen it, so at
 * quiescence the task must still be queued (or complete). "NOTIFIED iff queued" alone cannot see a
 * wake dropped by {@code transitionToIdle} (the task is left idle, unqueued and not NOTIFIED);
 * this check can.
 */
public class TaskStateLincheckTest {
    private final TaskState state = new TaskState();
    /** Run-queue entries for the task; starts at 1 like a freshly spawned task. */
    private final AtomicInteger queued = new AtomicInteger(1);
    private final AtomicBoolean inPoll = new AtomicBoolean();
    private final AtomicInteger polls = new AtomicInteger();
    private volatile boolean completed;
    /** Polls started so far; bumped after each successful {@code transitionToRunning}. */
    private final AtomicInteger pollEpoch = new AtomicInteger();
    /** The largest poll epoch a wake or abort observed before its transition; -1 if none. */
    private final AtomicInteger lastWakeEpoch = new AtomicInteger(-1);

    private void recordWakeEpoch() {
        lastWakeEpoch.accumulateAndGet(pollEpoch.get(), Math::max);
    }

    @Operation
    public void wake() {
        recordWakeEpoch();
        if (state.transitionToNotified() == TaskState.Notify.SUBMIT) {
            queued.incrementAndGet();
        }
    }

    @Operation
    public void abort() {
        recordWakeEpoch();
        if (state.transitionToCancelled() == TaskState.Notify.SUBMIT) {
            queued.incrementAndGet();
        }
    }

    @Operation
    public void work() {
        int q;
        do {
            q = queued.get();
            if (q == 0) {
                return;
            }
        } while (!queued.compareAndSet(q, q - 1));
        TaskState.Running r = state.transitionToRunning();
        if (r == TaskState.Running.FAILED) {
            throw new IllegalStateException("a queued entry was not runnable: " + state);
        }
        pollEpoch.incrementAndGet();
        if (completed) {
            throw new IllegalStateException("polled after completion");
        }
        if (inPoll.getAndSet(true)) {
            throw new IllegalStateException("polled twice at once");
        }
        boolean finish = r == TaskState.Running.CANCELLED || polls.incrementAndGet() >= 2;
        inPoll.set(false);
        if (!finish) {
            switch (state.transitionToIdle()) {
                case OK:
                    return;
                case OK_NOTIFIED:
                    queued.incrementAndGet();
                    return;
                case CANCELLED:
                    break;
                default:
                    throw new AssertionError();
            }
        }
        completed = true;
        state.transitionToComplete();
    }

    @Validate
    public void check() {
        int s = state.load();
        int q = queued.get();
        if ((s & TaskState.RUNNING) != 0) {
            throw new IllegalStateException("RUNNING at quiescence: " + state);
        }
        if (q > 1) {
            throw new IllegalStateException("queued " + q + " times: " + state);
        }
        if ((s & TaskState.COMPLETE) != 0) {
            if (q != 0 || (s & TaskState.NOTIFIED) != 0) {
                throw new IllegalStateException("complete but still queued: " + state + " entries=" + q);
            }
            return;
        }
        if (lastWakeEpoch.get() >= pollEpoch.get() && q == 0) {
            throw new IllegalStateException("lost wake-up: woken after poll " + pollEpoch.get()
                    + " started, yet neither queued nor complete: " + state);
        }
        boolean notified = (s & TaskState.NOTIFIED) != 0;
        if (notified != (q == 1)) {
            throw new IllegalStateException("lost or phantom wake-up: " + state + " entries=" + q);
        }
        if ((s & TaskState.CANCELLED) != 0 && q == 0) {
            throw new IllegalStateException("abort not processed: " + state);
        }
    }

    @Test
    void modelCheck() {
        new ModelCheckingOptions()
                .iterations(15)
                .invocationsPerIteration(400)
                .threads(3)
                .actorsPerThread(3)
                .actorsBefore(0)
                .actorsAfter(0)
                .check(TaskStateLincheckTest.class);
    }
}
