package dev.weft.internal.scheduler.multithread;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One worker's counters. Only the worker writes them, so an increment is a plain read and an
 * opaque write (no atomic instruction, no fence); readers sum every worker's counters with
 * opaque reads, which see each counter's latest value or a slightly older one.
 *
 * <h2>Who may call</h2>
 * {@code inc*}: the owning worker. Getters: any thread.
 */
final class WorkerStats {
    private static final VarHandle POLLS;
    private static final VarHandle STEALS;
    private static final VarHandle PARKS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            POLLS = l.findVarHandle(WorkerStats.class, "polls", long.class);
            STEALS = l.findVarHandle(WorkerStats.class, "steals", long.class);
            PARKS = l.findVarHandle(WorkerStats.class, "parks", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private long polls;
    private long steals;
    private long parks;

    // owner-only writers: each plain read of the owner's own field is exact

    void incPolls() {
        POLLS.setOpaque(this, polls + 1);
    }

    void addSteals(int n) {
        STEALS.setOpaque(this, steals + n);
    }

    void incParks() {
        PARKS.setOpaque(this, parks + 1);
    }

    long polls() {
        return (long) POLLS.getOpaque(this);
    }

    long steals() {
        return (long) STEALS.getOpaque(this);
    }

    long parks() {
        return (long) PARKS.getOpaque(this);
    }
}
