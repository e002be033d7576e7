package dev.weft.internal.time;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that stands still until advanced. The runtime advances it to the next timer deadline
 * whenever every task is idle, so tests of long timeouts finish at once while keeping the order
 * of events.
 *
 * <h2>External waits hold the clock</h2>
 * A task awaiting a {@link java.util.concurrent.CompletionStage} that the runtime does not
 * complete (an {@code HttpClient} call, a database driver's future) is idle, but it is waiting for
 * real work elsewhere, not for a timer. Jumping to the next deadline then fires timeouts that in
 * real time would never have fired. So each such wait {@link #holdExternal() holds} the clock, and
 * {@link TimeDriver#advanceIdleClock()} does not jump while any hold is in place; explicit
 * {@link #advance(long)} still works.
 *
 * <h2>Invariants</h2>
 * {@code externalHolds} counts holds taken and not yet released; each hold is released exactly
 * once (the holder keeps a flag), when its stage completes or its awaiter abandons it.
 */
public final class PausedClock implements ClockSource {
    /** What a new paused clock reads: 1 s, so that "a second ago" is still positive. */
    public static final long START = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(START);
    private final AtomicInteger externalHolds = new AtomicInteger();
    @Override
    public long nanoTime() {
        return now.get();
    }

    @Override
    public boolean isPaused() {
        return true;
    }

    @Override
    public void advance(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("time cannot go backwards: " + nanos);
        }
        now.addAndGet(nanos);
    }

    /** Takes a hold for one pending external wait; pair with exactly one {@link #releaseExternal()}. */
    public void holdExternal() {
        externalHolds.incrementAndGet();
    }

    /** Releases a hold taken by {@link #holdExternal()}. */
    public void releaseExternal() {
        externalHolds.decrementAndGet();
    }

    /** @return true if auto-advance must wait: an external wait is pending */
    public boolean heldByExternalWait() {
        return externalHolds.get() > 0;
    }
}
