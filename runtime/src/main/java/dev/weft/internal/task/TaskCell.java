package dev.weft.internal.task;

import dev.weft.future.Awaitable;
import dev.weft.future.CancelledException;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.internal.jfr.TracedTask;
import dev.weft.internal.jfr.WeftEvents;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A spawned future with its lifecycle word, its output and its task-local values. It is its own
 * {@link Waker}, so polling allocates nothing.
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>Only the thread holding {@link TaskState#RUNNING} touches {@code future}, {@code polls}
 *       and {@code locals}; the state CAS orders consecutive holders (see {@link TaskState}).</li>
 *   <li>{@code result} (value, failure or cancellation) is written once, before the CAS that
 *       sets {@link TaskState#COMPLETE}; readers check {@code COMPLETE} first.</li>
 *   <li>The join waker is published by the joiner (volatile write, then read the state) and
 *       taken by the completer (state CAS, then read the slot, and getAndSet only if it is
 *       occupied): one of the two sees the other, so a joiner is never left waiting. Completion
 *       listeners follow the same rule, with the swap to {@code TOLD} deciding who tells.</li>
 * </ul>
 *
 * @param <T> the output type
 */
public final class TaskCell<T> extends TaskState implements Waker, TracedTask {
    /** Awaits one poll may pass before it is made to yield (Tokio's coop budget is 128 too). */
    public static final int BUDGET = 128;

    /** How a task ended; the output is one field, {@code result}, read according to it. */
    private enum Outcome { SUCCEEDED, FAILED, CANCELLED }

    /** {@code result} of a task that was aborted before it finished. */
    private static final Object CANCELLED_RESULT = new Object();

    /** {@code result} of a task that threw: boxed, so that a value that is a throwable stays a value. */
    private static final class Failed {
        final Throwable cause;

        Failed(Throwable cause) {
            this.cause = cause;
        }
    }

    private static final VarHandle JOIN_WAKER;
    private static final VarHandle LISTENER;

    static {
        try {
            JOIN_WAKER = MethodHandles.lookup().findVarHandle(TaskCell.class, "joinWaker", Object.class);
            LISTENER = MethodHandles.lookup().findVarHandle(TaskCell.class, "listener", CompletionListener.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long id;
    private final TaskScheduler scheduler;
    /** Null once complete, so a finished task keeps nothing alive. */
    private Awaitable<T> future;
    private Object[] locals;
    /** Made on the first yield; see {@link YieldOnce}. */
    private YieldOnce yielder;
    /** runner-only (under RUNNING): polls so far, for task dumps and events; 0 until first polled. */
    private int polls;
    /** Set before the first schedule, or null: what task dumps and events call the task. */
    private String name;
    /**
     * The {@code dev.weft.TaskEnded} event begun at spawn, while a recording wants it; else null.
     * Typed {@code Object} so that this class never loads a JFR class (see {@code internal.jfr}).
     * Written before the first schedule, taken by the completer.
     */
    private Object endedEvent;

    /**
     * The output, written once before the CAS that sets COMPLETE: the value, a {@link Failed}, or
     * {@link #CANCELLED_RESULT}. One field, not three, keeps a task at 72 B.
     */
    private Object result;
    /**
     * The joiners: null, one {@link Waker}, or {@link JoinWaiters}. Accessed through
     * {@link #JOIN_WAKER}.
     */
    private volatile Object joinWaker;
    /** Told once when the task completes (a JoinSet); set before the task is first scheduled. */
    private volatile CompletionListener listener;

    /** Links of the intrusive list in {@link OwnedTasks}; guarded by that list's shard lock. */
    TaskCell<?> ownedPrev;
    TaskCell<?> ownedNext;

    /** Told when a task completes. */
    public interface CompletionListener {
        /** @param task the task that just completed; the runner's thread */
        void completed(TaskCell<?> task);
    }

    /**
     * @param future what to run
     * @param scheduler where the task is enqueued when woken
     */
    public TaskCell(Awaitable<T> future, TaskScheduler scheduler) {
        this(TaskIds.next(), future, scheduler);
    }

    /**
     * @param id the task's id, from {@link TaskIds}
     * @param future what to run
     * @param scheduler where the task is enqueued when woken
     */
    public TaskCell(long id, Awaitable<T> future, TaskScheduler scheduler) {
        this.id = id;
        this.future = future;
        this.scheduler = scheduler;
    }

    /** @return the task's id, unique in this JVM */
    public long id() {
        return id;
    }

    /** @return the lifecycle word: this task itself, which extends {@link TaskState} */
    public TaskState state() {
        return this;
    }

    /**
     * Holder only (the thread polling this task).
     *
     * @return this task's yield, ready to be awaited once more
     */
    public YieldOnce yieldOnce() {
        YieldOnce y = yielder;
        if (y == null) {
            y = new YieldOnce();
            yielder = y;
        }
        return y.reset();
    }

    /** @return the name given at spawn, or what the task runs ("coroutine", a future's class) */
    public String name() {
        String n = name;
        if (n != null) {
            return n;
        }
        Awaitable<T> f = future;
        return f == null ? "task" : f instanceof Unwindable ? "coroutine" : f.getClass().getSimpleName();
    }

    /** @param name what task dumps and events call the task; before it is first scheduled */
    public void setName(String name) {
        this.name = name;
    }

    /** @return what the task runs, or null once complete (for task dumps; any thread, racy) */
    public Awaitable<T> future() {
        return future;
    }

    /** @return polls so far (racy when read from another thread) */
    public int polls() {
        return polls;
    }

    /** @param e the begun {@code dev.weft.TaskEnded} event; before the task is first scheduled */
    public void setEndedEvent(Object e) {
        endedEvent = e;
    }

    /** @return the scheduler that runs this task */
    public TaskScheduler scheduler() {
        return scheduler;
    }

    /** @param l told once when the task completes; call before the task is first scheduled */
    public void setCompletionListener(CompletionListener l) {
        listener = l;
    }

    /** Marks that listeners were already told; later ones are told at once. */
    private static final CompletionListener TOLD = t -> { };

    /**
     * Adds a listener at any time, from any thread: told once when the task completes, or at
     * once (on the caller's thread) if it already has.
     *
     * @param l the listener
     */
    public void addCompletionListener(CompletionListener l) {
        while (true) {
            CompletionListener cur = listener;
            if (cur == TOLD) {
                l.completed(this);
                return;
            }
            CompletionListener next = cur == null ? l : t -> {
                cur.completed(t);
                l.completed(t);
            };
            if (LISTENER.compareAndSet(this, cur, next)) {
                // the completer reads this slot after COMPLETE and skips it if it was empty;
                // then telling falls to an adder that sees COMPLETE: whoever swaps in TOLD tells
                if (isComplete() && LISTENER.compareAndSet(this, next, TOLD)) {
                    next.completed(this);
                }
                return;
            }
        }
    }

    // ===== waking and aborting (any thread) =====

    /** Schedules the task to be polled again; any thread, any number of times. */
    @Override
    public void wake() {
        if (transitionToNotified() == TaskState.Notify.SUBMIT) {
            scheduler.schedule(this);
        }
    }

    /** Requests cancellation; the runner finishes the task as cancelled. Any thread. */
    public void abort() {
        if (transitionToCancelled() == TaskState.Notify.SUBMIT) {
            scheduler.schedule(this);
        }
    }

    // ===== running (the thread that dequeued the task) =====

    /**
     * Polls the task once, if it is still runnable. Never throws: the task's failure is its output.
     * Called by the thread that took this task out of a run queue.
     */
    public void run() {
        switch (transitionToRunning()) {
            case FAILED:
                return;
            case CANCELLED:
                finishCancelled();
                return;
            case SUCCESS:
                break;
            default:
                throw new AssertionError();
        }
        Awaitable<T> f = future;
        Poll<T> p;
        try {
            if (f instanceof Unwindable) {
                ((Unwindable<?>) f).setBudget(BUDGET);
            }
            countPoll();
            p = f.poll(this);
        } catch (Throwable t) {
            completeExceptionally(t);
            return;
        }
        if (p.isReady()) {
            complete(Outcome.SUCCEEDED, p.value(), null);
            return;
        }
        switch (transitionToIdle()) {
            case OK:
                return;
            case OK_NOTIFIED:
                scheduler.scheduleYield(this);
                return;
            case CANCELLED:
                finishCancelled();
                return;
            default:
                throw new AssertionError();
        }
    }

    /** Saturates, so that "polled at least once" stays true however long the task lives. */
    private void countPoll() {
        if (polls != Integer.MAX_VALUE) {
            polls++;
        }
    }

    /** Holding RUNNING with CANCELLED set: let the coroutine unwind, then complete. */
    private void finishCancelled() {
        Awaitable<T> f = future;
        if (f instanceof Unwindable) {
            Poll<T> p;
            try {
                countPoll();
                p = ((Unwindable<T>) f).unwind(this);
            } catch (Throwable t) {
                completeExceptionally(t);
                return;
            }
            if (p.isReady()) {
                // it caught the cancellation and finished anyway: that result stands
                complete(Outcome.SUCCEEDED, p.value(), null);
            } else {
                complete(Outcome.CANCELLED, null, null);
            }
            return;
        }
        try {
            if (polls != 0) { // it started, so it may hold something to release
                f.abandon();
            }
        } catch (Throwable t) {
            complete(Outcome.FAILED, null, t);
            return;
        }
        complete(Outcome.CANCELLED, null, null);
    }

    private void completeExceptionally(Throwable t) {
        if (t instanceof CancelledException && isCancelled()) {
            complete(Outcome.CANCELLED, null, null);
        } else {
            complete(Outcome.FAILED, null, t);
        }
    }

    private void complete(Outcome how, T v, Throwable t) {
        Object ended = endedEvent;
        if (ended != null) {
            endedEvent = null;
            WeftEvents.taskEnded(ended, this, how == Outcome.SUCCEEDED ? "ok" : how == Outcome.FAILED ? "failed" : "cancelled", t, polls);
        }
        result = how == Outcome.SUCCEEDED ? v : how == Outcome.FAILED ? new Failed(t) : CANCELLED_RESULT;
        future = null;
        locals = null;
        // release first: whoever the completion wakes sees the task gone from the runtime's
        // live set and its failure already reported
        scheduler.release(this);
        transitionToComplete();
        // Both slots are read after the CAS that set COMPLETE and swapped only when occupied:
        // a joiner or listener that arrives after such a read sees COMPLETE on its own re-check
        // (see registerJoinWaker, addCompletionListener), so most tasks, which nobody joins
        // while they run, complete without two more atomic swaps.
        if (joinWaker != null) {
            Object joiners = JOIN_WAKER.getAndSet(this, null);
            if (joiners instanceof JoinWaiters) {
                for (Waker w : ((JoinWaiters) joiners).wakers) {
                    wakeQuietly(w);
                }
            } else if (joiners != null) {
                wakeQuietly((Waker) joiners);
            }
        }
        if (listener != null) {
            CompletionListener l = (CompletionListener) LISTENER.getAndSet(this, TOLD);
            if (l != TOLD && l != null) {
                l.completed(this);
            }
        }
    }

    private static void wakeQuietly(Waker w) {
        try {
            w.wake();
        } catch (RuntimeException | Error e) {
            System.getLogger("dev.weft.task").log(System.Logger.Level.WARNING, "a join waker threw", e);
        }
    }

    // ===== the output (any thread, after COMPLETE) =====

    /**
     * Registers {@code waker} to be told when the task completes, unless it already has. Every
     * distinct waker registered is woken once (several joiners of one task are all woken).
     *
     * @param waker the joiner's waker
     * @return true if the task is complete (the output can be read)
     */
    public boolean registerJoinWaker(Waker waker) {
        if (isComplete()) {
            return true;
        }
        while (true) {
            Object cur = joinWaker;
            Object next = JoinWaiters.with(cur, waker);
            if (next == cur || JOIN_WAKER.compareAndSet(this, cur, next)) {
                break;
            }
        }
        // re-check: the completer takes the waker after setting COMPLETE (see class invariants)
        if (!isComplete()) {
            return false;
        }
        // complete: the completer may have found the slot empty and left this waker in it; take
        // it back when it is the only one (a list may hold joiners the completer is waking)
        if (joinWaker == waker) {
            JOIN_WAKER.compareAndSet(this, waker, null);
        }
        return true;
    }

    /** @return true if the task completed normally; only after {@code COMPLETE} */
    public boolean succeeded() {
        Object r = result;
        return r != CANCELLED_RESULT && !(r instanceof Failed);
    }

    /** @return true if the task was aborted; only after {@code COMPLETE} */
    public boolean wasCancelled() {
        return result == CANCELLED_RESULT;
    }

    /** @return the value; only after {@code COMPLETE} and {@link #succeeded()} */
    @SuppressWarnings("unchecked")
    public T value() {
        return (T) result;
    }

    /** @return what the task threw, or null; only after {@code COMPLETE} */
    public Throwable failure() {
        Object r = result;
        return r instanceof Failed ? ((Failed) r).cause : null;
    }

    // ===== task-local values (the running thread) =====

    /**
     * @param index the task-local's index
     * @return its value in this task, or null if unset
     */
    public Object localValue(int index) {
        Object[] l = locals;
        return l != null && index < l.length ? l[index] : null;
    }

    /**
     * @param index the task-local's index
     * @param v the value, or null to unset
     */
    public void setLocalValue(int index, Object v) {
        Object[] l = locals;
        if (l == null || index >= l.length) {
            if (v == null) {
                return;
            }
            Object[] grown = new Object[Math.max(4, Integer.highestOneBit(index) << 1)];
            if (l != null) {
                System.arraycopy(l, 0, grown, 0, l.length);
            }
            locals = l = grown;
        }
        l[index] = v;
    }

    @Override
    public String toString() {
        return "task-" + id + " (" + name() + ", " + describeState() + ")";
    }
}
