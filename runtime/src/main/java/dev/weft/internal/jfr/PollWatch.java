package dev.weft.internal.jfr;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What one thread that polls tasks publishes for the {@link PollWatchdog}: which task it polls
 * (null between polls) and a sequence number per poll. The owner reads no clock: the watchdog
 * times a poll from the first tick that saw it, so a reported poll ran at least the threshold.
 *
 * <h2>Who may call</h2>
 * {@link #begin} and {@link #end}: the owner thread. {@link #check}: the watchdog thread.
 *
 * <h2>Memory ordering</h2>
 * The owner writes {@code task} (opaque), then {@code seq} (release). The watchdog reads
 * {@code seq} (acquire), then {@code task}, samples the stack, and reads both again: if the
 * sequence is unchanged and the task still set, the same poll ran from before the sample until
 * after it, so the stack belongs to that poll.
 */
public final class PollWatch {
    private static final VarHandle SEQ;
    private static final VarHandle TASK;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            SEQ = l.findVarHandle(PollWatch.class, "seq", long.class);
            TASK = l.findVarHandle(PollWatch.class, "task", TracedTask.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Thread thread;
    /** Polls begun; owner writes, watchdog reads. */
    private long seq;
    /** The task being polled, or null between polls; owner writes, watchdog reads. */
    private TracedTask task;
    /** watchdog-only: the poll seen running at the last tick, and when it was first seen. */
    private long seenSeq = -1;
    private long seenAt;
    /** watchdog-only: the last poll reported, so one stuck poll is reported once. */
    private long reportedSeq = -1;

    PollWatch(Thread thread) {
        this.thread = thread;
    }

    /** @param t the task about to be polled; owner only */
    public void begin(TracedTask t) {
        TASK.setOpaque(this, t);
        // owner-only writer: the plain read of its own field is exact; release pairs with check()
        SEQ.setRelease(this, seq + 1);
    }

    /** The poll returned; owner only. */
    public void end() {
        TASK.setRelease(this, null);
    }

    /**
     * Reports the current poll once it has run for {@code threshold}, unless it was reported.
     * Watchdog only.
     *
     * @param now {@link System#nanoTime()} of this tick
     * @param threshold nanoseconds
     * @param report where a stuck poll goes
     * @return true if the owner was polling a task at this tick
     */
    boolean check(long now, long threshold, PollWatchdog.Report report) {
        long q = (long) SEQ.getAcquire(this);
        TracedTask t = (TracedTask) TASK.getOpaque(this);
        if (t == null) {
            seenSeq = -1;
            return false;
        }
        if (q != seenSeq) {
            seenSeq = q;
            seenAt = now;
            return true;
        }
        if (q == reportedSeq || now - seenAt < threshold) {
            return true;
        }
        StackTraceElement[] stack = thread.getStackTrace();
        if ((long) SEQ.getAcquire(this) != q || TASK.getOpaque(this) == null) {
            return true;   // the poll ended while we sampled: the stack may show another one
        }
        reportedSeq = q;
        report.stuck(thread, t, now - seenAt, threshold, stack);
        return true;
    }
}
