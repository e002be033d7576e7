package dev.weft.internal.time;

import java.util.function.Consumer;

/**
 * A hierarchical timing wheel: {@value #LEVELS} levels of {@value #SLOTS} slots with 1 ms
 * resolution (the shape of Tokio's), covering about two years; later deadlines sit in the last
 * level and are re-examined as time passes.
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>An entry with deadline {@code d} is on the level where {@code elapsed} and {@code d}
 *       first differ in their base-64 digits, in the slot of {@code d}'s digit on that level.
 *       As time passes, entries of an expiring higher-level slot are re-inserted lower
 *       ("cascade") until they fire from level 0.</li>
 *   <li>{@code occupied[level]} has bit {@code s} set iff slot {@code s} of that level is
 *       non-empty, so the next expiration is found with bit operations.</li>
 *   <li>A deadline is never reported early: entries fire only when {@code elapsed >= deadline}.</li>
 * </ul>
 *
 * <p>Not thread-safe: the owner serializes all calls.
 */
public final class TimerWheel {
    static final int LEVELS = 6;
    static final int SLOT_BITS = 6;
    static final int SLOTS = 1 << SLOT_BITS;
    private static final long MAX_DURATION = (1L << (SLOT_BITS * LEVELS)) - 1;

    private final TimerEntry[][] heads = new TimerEntry[LEVELS][SLOTS];
    private final long[] occupied = new long[LEVELS];
    /** Ticks processed so far; every entry's deadline is greater than this. */
    private long elapsed;
    private int size;

    /** @return ticks the wheel has advanced to */
    public long elapsed() {
        return elapsed;
    }

    /** @return number of registered entries */
    public int size() {
        return size;
    }

    /**
     * Registers {@code entry} for {@code deadline}.
     *
     * @param entry an unregistered entry
     * @param deadline the deadline in ticks
     * @return false if the deadline has already passed (nothing registered: fire it now)
     */
    public boolean insert(TimerEntry entry, long deadline) {
        if (entry.isRegistered()) {
            throw new IllegalStateException("timer entry already registered");
        }
        entry.deadline = deadline;
        if (deadline <= elapsed) {
            return false;
        }
        link(entry);
        size++;
        return true;
    }

    /**
     * Removes {@code entry} if it is registered; O(1).
     *
     * @param entry the entry
     * @return true if it was registered
     */
    public boolean cancel(TimerEntry entry) {
        if (!entry.isRegistered()) {
            return false;
        }
        unlink(entry);
        size--;
        return true;
    }

    /**
     * @return the earliest tick at which some entry may fire, or {@code Long.MAX_VALUE} if none
     */
    public long nextExpiration() {
        for (int level = 0; level < LEVELS; level++) {
            if (occupied[level] != 0) {
                return slotDeadline(level);
            }
        }
        return Long.MAX_VALUE;
    }

    /**
     * Advances to {@code now}, firing every entry whose deadline is at or before it, in deadline
     * order across slots.
     *
     * @param now the current tick
     * @param fired receives each fired entry after it was unregistered (before its fire())
     * @return how many entries fired
     */
    public int advance(long now, Consumer<TimerEntry> fired) {
        int count = 0;
        while (true) {
            int level = lowestOccupiedLevel();
            if (level < 0) {
                break;
            }
            long slotDeadline = slotDeadline(level);
            if (slotDeadline > now) {
                break;
            }
            elapsed = Math.max(elapsed, slotDeadline);
            int slot = slotFor(level, slotDeadline);
            TimerEntry e = heads[level][slot];
            heads[level][slot] = null;
            occupied[level] &= ~(1L << slot);
            while (e != null) {
                TimerEntry next = e.next;
                e.prev = null;
                e.next = null;
                e.level = -1;
                if (e.deadline <= elapsed) {
                    size--;
                    count++;
                    if (fired != null) {
                        fired.accept(e);
                    }
                    e.fire();
                } else {
                    link(e); // cascade to a lower level
                }
                e = next;
            }
        }
        elapsed = Math.max(elapsed, now);
        return count;
    }

    private int lowestOccupiedLevel() {
        // The earliest deadline is on the lowest occupied level: a lower level's slots all end
        // before the current slot of any higher level does.
        for (int level = 0; level < LEVELS; level++) {
            if (occupied[level] != 0) {
                return level;
            }
        }
        return -1;
    }

    /** The start tick of the earliest occupied slot of {@code level}, at or after elapsed. */
    private long slotDeadline(int level) {
        int shift = level * SLOT_BITS;
        long slotRange = 1L << shift;
        long levelRange = slotRange << SLOT_BITS;
        int nowSlot = (int) ((elapsed >>> shift) & (SLOTS - 1));
        long rotated = Long.rotateRight(occupied[level], nowSlot);
        int slot = (Long.numberOfTrailingZeros(rotated) + nowSlot) & (SLOTS - 1);
        long levelStart = elapsed & ~(levelRange - 1);
        long deadline = levelStart + slot * slotRange;
        if (deadline + slotRange <= elapsed) {
            deadline += levelRange; // the slot is behind the current position: next rotation
        }
        return Math.max(deadline, level == 0 ? deadline : elapsed);
    }

    private static int slotFor(int level, long deadline) {
        return (int) ((deadline >>> (level * SLOT_BITS)) & (SLOTS - 1));
    }

    private void link(TimerEntry e) {
        long masked = (elapsed ^ e.deadline) | (SLOTS - 1);
        if (masked > MAX_DURATION) {
            masked = MAX_DURATION;
        }
        int significant = 63 - Long.numberOfLeadingZeros(masked);
        int level = Math.min(significant / SLOT_BITS, LEVELS - 1);
        int slot = slotFor(level, Math.min(e.deadline, elapsed + MAX_DURATION));
        e.level = level;
        e.slot = slot;
        e.prev = null;
        e.next = heads[level][slot];
        if (e.next != null) {
            e.next.prev = e;
        }
        heads[level][slot] = e;
        occupied[level] |= 1L << slot;
    }

    private void unlink(TimerEntry e) {
        if (e.prev != null) {
            e.prev.next = e.next;
        } else {
            heads[e.level][e.slot] = e.next;
            if (e.next == null) {
                occupied[e.level] &= ~(1L << e.slot);
            }
        }
        if (e.next != null) {
            e.next.prev = e.prev;
        }
        e.prev = null;
        e.next = null;
        e.level = -1;
    }
}
