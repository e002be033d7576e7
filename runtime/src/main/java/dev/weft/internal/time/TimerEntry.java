package dev.weft.internal.time;

/**
 * One registered deadline: a node of the intrusive list of the wheel slot it sits in, so insert
 * and cancel are O(1) and a cancelled timer leaves nothing behind.
 *
 * <p>Who may touch: only the thread holding the wheel's lock (the wheel is not thread-safe by
 * itself; {@code TimeDriver} serializes access).
 */
public class TimerEntry {
    /** Deadline in wheel ticks (milliseconds since the driver's start). */
    long deadline;
    /** Level and slot this entry is linked into; -1 when not in the wheel. */
    int level = -1;
    int slot;
    TimerEntry prev;
    TimerEntry next;

    /** @return the deadline in ticks */
    public long deadline() {
        return deadline;
    }

    /** @return true while the entry is registered in a wheel */
    public boolean isRegistered() {
        return level >= 0;
    }

    /**
     * Called by the wheel, under its lock, when the deadline has passed. Must not touch the
     * wheel.
     */
    protected void fire() {
    }
}
