package dev.weft.internal.time;

import java.util.function.Consumer;

/**
 * A hierarchical timing wheel: {@value #LEVELS} levels of {@value #SLOTS} slots with 1 ms
 * resolution (the shape of Tokio's). The wheel covers one block of 2^36 ticks (about 795 days);
 * deadlines in a later block wait in an overflow list and are re-examined when time enters the
 * next block, so no deadline however far can make the wheel spin.
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
    /** Ticks the wheel's levels span: the entries in it share {@code elapsed >>> 36}. */
    static final long BLOCK = 1L << (SLOT_BITS * LEVELS);
    /** The {@link TimerEntry#level} of an entry on the overflow list. */
    private static final int OVERFLOW = LEVELS;

    private final TimerEntry[][] heads = new TimerEntry[LEVELS][SLOTS];
    /** Entries whose deadline is in a later block than {@code elapsed}; unordered. */
    private TimerEntry overflow;
    /**
     * At or before the earliest overflow deadline (a cancel does not raise it: a stale value
     * only makes the wheel look at the list early). {@code Long.MAX_VALUE} when the list is new.
     */
    private long overflowMin = Long.MAX_VALUE;
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
        return overflow != null ? overflowBlockStart() : Long.MAX_VALUE;
    }

    /**
     * The block start at which the overflow list is looked at again: that of its earliest
     * deadline, and at least the next block.
     */
    private long overflowBlockStart() {
        long next = (elapsed | (BLOCK - 1)) + 1;
        return Math.max(next, overflowMin & ~(BLOCK - 1));
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
                // the wheel is empty: jump to the block of the earliest overflow entry, if due
                if (overflow == null || overflowBlockStart() > now) {
                    break;
                }
                elapsed = overflowBlockStart();
                TimerEntry e = overflow;
                overflow = null;
                overflowMin = Long.MAX_VALUE;
                count += relinkOrFire(e, fired);
                continue;
            }
            long slotDeadline = slotDeadline(level);
            if (slotDeadline > now) {
                break; // overflow entries are later still: they are in a later block
            }
            elapsed = Math.max(elapsed, slotDeadline);
            int slot = slotFor(level, slotDeadline);
            TimerEntry e = heads[level][slot];
            heads[level][slot] = null;
            occupied[level] &= ~(1L << slot);
            count += relinkOrFire(e, fired);
        }
        elapsed = Math.max(elapsed, now);
        return count;
    }

    /** Fires each entry of the detached list {@code e} that is due, links the others again. */
    private int relinkOrFire(TimerEntry e, Consumer<TimerEntry> fired) {
        int count = 0;
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
                link(e); // cascade to a lower level, or into the wheel from the overflow list
            }
            e = next;
        }
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
        if (masked >= BLOCK) {
            e.level = OVERFLOW;
            overflowMin = Math.min(overflowMin, e.deadline);
            e.prev = null;
            e.next = overflow;
            if (overflow != null) {
                overflow.prev = e;
            }
            overflow = e;
            return;
        }
        int significant = 63 - Long.numberOfLeadingZeros(masked);
        int level = significant / SLOT_BITS;
        int slot = slotFor(level, e.deadline);
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
        } else if (e.level == OVERFLOW) {
            overflow = e.next;
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
