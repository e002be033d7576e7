package dev.weft.internal.time;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that stands still until advanced. The runtime advances it to the next timer deadline
 * whenever every task is idle, so tests of long timeouts finish at once while keeping the order
 * of events.
 */
public final class PausedClock implements ClockSource {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

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
}
