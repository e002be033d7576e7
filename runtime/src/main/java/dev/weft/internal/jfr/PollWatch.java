package dev.weft.internal.jfr;

import dev.weft.internal.task.TaskCell;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What one thread that polls tasks publishes for the {@link PollWatchdog}: when its current
 * poll started, which task it polls and a sequence number per poll. Written only while a
 * recording enables {@code dev.weft.LongPoll}.
 *
 * <h2>Who may call</h2>
 * {@link #begin} and {@link #end}: the owner thread. {@link #check}: the watchdog thread.
 *
 * <h2>Memory ordering</h2>
 * The owner writes {@code task} and {@code seq} (opaque), then {@code started} (release). The
 * watchdog reads {@code started} (acquire), then {@code seq} and {@code task}, samples the
 * stack, and reads {@code started} and {@code seq} again: if both are unchanged, the same poll
 * ran from before the sample until after it, so the stack belongs to that poll.
 */
public final class PollWatch {
    private static final VarHandle STARTED;
    private static final VarHandle SEQ;
    private static final VarHandle TASK;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            STARTED = l.findVarHandle(PollWatch.class, "started", long.class);
            SEQ = l.findVarHandle(PollWatch.class, "seq", long.class);
            TASK = l.findVarHandle(PollWatch.class, "task", TaskCell.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Thread thread;
    /** {@link System#nanoTime()} at the start of the current poll, made odd so it is never 0; 0 between polls. */
    private long started;
    /** Polls begun; owner writes, watchdog reads (opaque). */
    private long seq;
    /** The task being polled; owner writes, watchdog reads (opaque). */
    private TaskCell<?> task;
    /** watchdog-only: the last poll reported, so one stuck poll gives one event. */
    private long reportedSeq;

    PollWatch(Thread thread) {
        this.thread = thread;
    }

    /** @param t the task about to be polled; owner only */
    public void begin(TaskCell<?> t) {
        TASK.setOpaque(this, t);
        // owner-only writer: the plain read of its own field is exact
        SEQ.setOpaque(this, seq + 1);
        // release: pairs with the watchdog's acquire in check()
        STARTED.setRelease(this, System.nanoTime() | 1L);
    }

    /** The poll returned; owner only. */
    public void end() {
        STARTED.setRelease(this, 0L);
        TASK.setOpaque(this, null);
    }

    /**
     * Reports the current poll if it has run for {@code threshold} and was not reported yet.
     * Watchdog only.
     *
     * @param now {@link System#nanoTime()}
     * @param threshold nanoseconds
     */
    void check(long now, long threshold) {
        long s = (long) STARTED.getAcquire(this);
        if (s == 0 || now - s < threshold) {
            return;
        }
        long q = (long) SEQ.getOpaque(this);
        if (q == reportedSeq) {
            return;
        }
        TaskCell<?> t = (TaskCell<?>) TASK.getOpaque(this);
        StackTraceElement[] stack = thread.getStackTrace();
        if ((long) STARTED.getAcquire(this) != s || (long) SEQ.getOpaque(this) != q) {
            return;   // the poll ended while we sampled: the stack may show the next one
        }
        reportedSeq = q;
        WeftEvents.longPoll(thread, t, System.nanoTime() - s, threshold, stack);
    }
}
