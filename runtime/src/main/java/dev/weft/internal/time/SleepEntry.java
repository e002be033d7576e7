package dev.weft.internal.time;

import dev.weft.future.Awaitable;
import dev.weft.future.Poll;
import dev.weft.future.Waker;

/**
 * The leaf future of {@code Time.sleep}: ready once the clock reached its deadline. Registers
 * itself in the driver's wheel on the first pending poll; {@link #abandon()} removes it, so a
 * cancelled sleep leaves nothing behind.
 */
public final class SleepEntry extends TimerEntry implements Awaitable<Void> {
    final long deadlineNanos;
    private final TimeDriver driver;
    /** Written under the driver's lock. */
    Waker waker;
    /** Written under the driver's lock; read by poll under the lock (through register). */
    boolean fired;

    /**
     * @param driver the runtime's time driver
     * @param deadlineNanos deadline on the driver's clock, or {@link TimeDriver#NEVER}
     */
    public SleepEntry(TimeDriver driver, long deadlineNanos) {
        this.driver = driver;
        this.deadlineNanos = deadlineNanos;
    }

    /** @return the deadline on the driver's clock */
    public long deadlineNanos() {
        return deadlineNanos;
    }

    @Override
    public Poll<Void> poll(Waker w) {
        if (deadlineNanos != TimeDriver.NEVER && driver.clock().nanoTime() - deadlineNanos >= 0) {
            driver.cancel(this);
            return Poll.ready(null);
        }
        return driver.register(this, w) ? Poll.pending() : Poll.ready(null);
    }

    @Override
    public void abandon() {
        driver.cancel(this);
    }
}
