package dev.weft.internal.time;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

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
 * <h2>A running root holds the clock too</h2>
 * A thread inside {@code blockOn} holds the clock while it runs its root (not while it is parked),
 * so a jump decided while no root ran is not applied under a root that has just started and
 * read the time: {@link #advanceUnlessHeld(long)} and {@link #hold()} are atomic with respect to
 * each other. A holder that reads the clock after taking its hold either saw the jump before it
 * started or sees none until it releases. A thread that hands a task to a multi-thread runtime
 * from outside takes a hold for the hand-off, and the jump re-checks under the monitor that no
 * worker has been unparked since it was decided ({@link #advanceUnlessHeld(long, BooleanSupplier)}),
 * so a task that starts while a jump is being decided has either seen the jump or stops it.
 *
 * <h2>Invariants</h2>
 * {@code holds} counts holds taken and not yet released; each hold is released exactly once
 * (the holder keeps a flag), when its stage completes, its awaiter abandons it, or its root
 * parks. It changes, and is tested before a jump, only under this clock's monitor.
 */
public final class PausedClock implements ClockSource {
    /** What a new paused clock reads: 1 s, so that "a second ago" is still positive. */
    public static final long START = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(START);
    private int holds;   // guarded by this
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

    /**
     * Advances by {@code nanos} if no hold is in place, atomically with {@link #hold()}.
     *
     * @param nanos how far to jump, not negative
     * @return true if the clock jumped
     */
    public synchronized boolean advanceUnlessHeld(long nanos) {
        return advanceUnlessHeld(nanos, () -> true);
    }

    /**
     * Advances by {@code nanos} if no hold is in place and {@code stillIdle} (asked under this
     * clock's monitor, after the holds) still answers true, atomically with {@link #hold()}.
     *
     * @param nanos how far to jump, not negative
     * @param stillIdle the caller's re-check that no task has run since it decided to jump
     * @return true if the clock jumped
     */
    public synchronized boolean advanceUnlessHeld(long nanos, BooleanSupplier stillIdle) {
        if (holds > 0 || !stillIdle.getAsBoolean()) {
            return false;
        }
        advance(nanos);
        return true;
    }

    /** Takes a hold (a pending external wait, a running root); pair with exactly one {@link #release()}. */
    public synchronized void hold() {
        holds++;
    }

    /** Releases a hold taken by {@link #hold()}. */
    public synchronized void release() {
        holds--;
    }

    /** @return true if auto-advance must wait: an external wait is pending or a root runs */
    public synchronized boolean held() {
        return holds > 0;
    }
}
