package dev.weft.time;

import dev.weft.Async;
import dev.weft.Suspendable;
import dev.weft.internal.time.SleepEntry;
import dev.weft.internal.time.TimeDriver;

/**
 * Ticks at a fixed period; see {@link Time#interval(java.time.Duration, MissedTickBehavior)}.
 * One task uses an interval at a time.
 *
 * <pre>{@code
 * Interval every = Time.interval(Duration.ofMillis(100), MissedTickBehavior.SKIP);
 * for (int i = 0; i < 10; i++) { long at = every.tick(); report(at); }
 * }</pre>
 */
public final class Interval {
    private final TimeDriver driver;
    private final long period;
    private final MissedTickBehavior missed;
    private long next;

    Interval(TimeDriver driver, long period, MissedTickBehavior missed) {
        this.driver = driver;
        this.period = period;
        this.missed = missed;
        this.next = driver.clock().nanoTime();
    }

    /**
     * Waits for the next tick.
     *
     * @return the scheduled time of this tick, on {@link Time#nanoTime()}'s clock
     */
    @Suspendable
    public long tick() {
        long scheduled = next;
        Async.await(new SleepEntry(driver, scheduled));
        long now = driver.clock().nanoTime();
        switch (missed) {
            case BURST:
                next = scheduled + period;
                break;
            case DELAY:
                next = now - scheduled >= period ? now + period : scheduled + period;
                break;
            default:
                long behind = now - scheduled;
                next = behind >= period ? scheduled + (behind / period + 1) * period : scheduled + period;
                break;
        }
        return scheduled;
    }

    /** @return the period in nanoseconds */
    public long periodNanos() {
        return period;
    }
}
