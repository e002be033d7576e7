package dev.weft.internal.task;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The lifecycle word of one task: a set of bits changed only by compare-and-set, so that a
 * wake-up racing with a poll schedules the task exactly once and a task is never polled after it
 * completed. The shape follows Tokio's {@code runtime/task/state.rs}, without the reference count
 * (the garbage collector owns memory here).
 *
 * <h2>Bits</h2>
 * <ul>
 *   <li>{@link #RUNNING}: a worker holds the task and is polling it (or deciding what to do
 *       after a poll).</li>
 *   <li>{@link #COMPLETE}: the output is stored; terminal.</li>
 *   <li>{@link #NOTIFIED}: the task has been woken since it last started running. While the
 *       task is not running, it also means "exactly one reference to the task sits in a run
 *       queue".</li>
 *   <li>{@link #CANCELLED}: {@code abort()} was called; the runner finishes the task as
 *       cancelled.</li>
 * </ul>
 *
 * <h2>Invariants</h2>
 * <ol>
 *   <li>{@code NOTIFIED && !RUNNING && !COMPLETE} if and only if exactly one run-queue entry
 *       exists for the task. Only a transition that returns {@link Notify#SUBMIT} (or
 *       {@link Idle#OK_NOTIFIED}) gives its caller the duty to enqueue the task.</li>
 *   <li>{@code RUNNING} is set only by {@link #transitionToRunning()}, which needs
 *       {@code NOTIFIED}, so at most one thread polls the task at a time.</li>
 *   <li>Once {@code COMPLETE} is set, no transition sets {@code NOTIFIED} or {@code RUNNING}
 *       again: a completed task is never scheduled or polled.</li>
 * </ol>
 *
 * <h2>Memory ordering</h2>
 * Every change is a volatile compare-and-set. The task's plain fields (its future, its output,
 * its task-local values) are written by the thread holding {@code RUNNING} before the CAS that
 * clears it, and read by the next holder after the CAS that sets it, so each poll sees the
 * previous one's writes.
 *
 * <h2>Layout</h2>
 * {@link TaskCell} extends this class instead of holding an instance: the word lives in the
 * task's own object, one object and 16 bytes fewer per task. Subclasses add no transitions.
 */
public class TaskState {
    /** A worker is polling the task. */
    public static final int RUNNING = 0b0001;
    /** The task finished; its output is stored. */
    public static final int COMPLETE = 0b0010;
    /** Woken since it last started running; while idle: queued exactly once. */
    public static final int NOTIFIED = 0b0100;
    /** Abort requested. */
    public static final int CANCELLED = 0b1000;

    /** A new task is created already scheduled: its spawner enqueues it once. */
    public static final int INITIAL = NOTIFIED;

    private static final VarHandle WORD;

    static {
        try {
            WORD = MethodHandles.lookup().findVarHandle(TaskState.class, "word", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Changed only by CAS through {@link #WORD}. */
    private volatile int word = INITIAL;

    /** Result of {@link #transitionToRunning()}. */
    public enum Running {
        /** The caller now holds the task and polls it. */
        SUCCESS,
        /** The caller holds the task, which was aborted: finish it as cancelled. */
        CANCELLED,
        /** The task was not in a runnable state; the caller must drop this queue entry. */
        FAILED
    }

    /** Result of {@link #transitionToIdle()}. */
    public enum Idle {
        /** The task is idle; a future wake will schedule it. */
        OK,
        /** It was woken during the poll: the caller must enqueue it again (NOTIFIED stays set). */
        OK_NOTIFIED,
        /** It was aborted during the poll: the caller still holds it and finishes it as cancelled. */
        CANCELLED
    }

    /** Result of {@link #transitionToNotified()} and {@link #transitionToCancelled()}. */
    public enum Notify {
        /** Nothing to do: already queued, running (the runner will see it), or complete. */
        DO_NOTHING,
        /** The caller must enqueue the task. */
        SUBMIT
    }

    /** @return the current bits (for tests, diagnostics and fast checks) */
    public final int load() {
        return word;
    }

    /** @return true once the task completed */
    public final boolean isComplete() {
        return (word & COMPLETE) != 0;
    }

    /** @return true once abort was requested */
    public final boolean isCancelled() {
        return (word & CANCELLED) != 0;
    }

    /**
     * Takes the task out of a run queue to poll it. Called by the thread that dequeued it.
     *
     * @return what the caller now owns
     */
    public final Running transitionToRunning() {
        int s = word;
        while (true) {
            if ((s & (RUNNING | COMPLETE)) != 0 || (s & NOTIFIED) == 0) {
                return Running.FAILED;
            }
            int next = (s & ~NOTIFIED) | RUNNING;
            int witness = (int) WORD.compareAndExchange(this, s, next);
            if (witness == s) {
                return (s & CANCELLED) != 0 ? Running.CANCELLED : Running.SUCCESS;
            }
            s = witness;
        }
    }

    /**
     * Ends a poll that returned pending. Called only by the thread that holds {@link #RUNNING}.
     *
     * @return whether the task must be enqueued again, or finished as cancelled
     */
    public final Idle transitionToIdle() {
        int s = word;
        while (true) {
            assert (s & RUNNING) != 0 : "transitionToIdle without RUNNING: " + s;
            if ((s & CANCELLED) != 0) {
                // the runner keeps RUNNING: it still owns the task and finishes it now
                return Idle.CANCELLED;
            }
            int next = s & ~RUNNING;
            int witness = (int) WORD.compareAndExchange(this, s, next);
            if (witness == s) {
                return (s & NOTIFIED) != 0 ? Idle.OK_NOTIFIED : Idle.OK;
            }
            s = witness;
        }
    }

    /**
     * Marks the task complete. Called only by the thread that holds {@link #RUNNING}, after it
     * stored the output.
     *
     * @return the bits just before (so the caller can tell whether it was cancelled)
     */
    public final int transitionToComplete() {
        int s = word;
        while (true) {
            assert (s & RUNNING) != 0 : "transitionToComplete without RUNNING: " + s;
            int next = (s & ~(RUNNING | NOTIFIED)) | COMPLETE;
            int witness = (int) WORD.compareAndExchange(this, s, next);
            if (witness == s) {
                return s;
            }
            s = witness;
        }
    }

    /**
     * A wake-up. Any thread, any number of times.
     *
     * @return {@link Notify#SUBMIT} if the caller must enqueue the task
     */
    public final Notify transitionToNotified() {
        int s = word;
        while (true) {
            if ((s & (COMPLETE | NOTIFIED)) != 0) {
                return Notify.DO_NOTHING;
            }
            int next = s | NOTIFIED;
            int witness = (int) WORD.compareAndExchange(this, s, next);
            if (witness == s) {
                // while RUNNING the runner re-enqueues it in transitionToIdle
                return (s & RUNNING) != 0 ? Notify.DO_NOTHING : Notify.SUBMIT;
            }
            s = witness;
        }
    }

    /**
     * An abort. Any thread, any number of times; only the first has an effect.
     *
     * @return {@link Notify#SUBMIT} if the caller must enqueue the task so a runner finishes it
     */
    public final Notify transitionToCancelled() {
        int s = word;
        while (true) {
            if ((s & (COMPLETE | CANCELLED)) != 0) {
                return Notify.DO_NOTHING;
            }
            int next = s | CANCELLED | NOTIFIED;
            int witness = (int) WORD.compareAndExchange(this, s, next);
            if (witness == s) {
                // queued already (NOTIFIED) or running: that holder sees CANCELLED
                return (s & (RUNNING | NOTIFIED)) != 0 ? Notify.DO_NOTHING : Notify.SUBMIT;
            }
            s = witness;
        }
    }

    @Override
    public String toString() {
        return describeState();
    }

    /** @return the bits by name, as in {@code TaskState[RUNNING NOTIFIED]} */
    public final String describeState() {
        int s = word;
        StringBuilder b = new StringBuilder("TaskState[");
        if ((s & RUNNING) != 0) b.append("RUNNING ");
        if ((s & COMPLETE) != 0) b.append("COMPLETE ");
        if ((s & NOTIFIED) != 0) b.append("NOTIFIED ");
        if ((s & CANCELLED) != 0) b.append("CANCELLED ");
        if (b.charAt(b.length() - 1) == ' ') b.setLength(b.length() - 1);
        return b.append(']').toString();
    }
}
