package dev.weft.time;

import dev.weft.Async;
import dev.weft.AsyncCallable;
import dev.weft.Select;
import dev.weft.Suspendable;
import dev.weft.internal.time.SleepEntry;
import dev.weft.internal.time.TimeDriver;
import dev.weft.internal.scheduler.RuntimeContext;
import java.time.Duration;

/**
 * Timers: sleep without blocking a worker, and deadlines for work.
 *
 * <pre>{@code
 * Time.sleep(Duration.ofMillis(5));                        // suspends the task, not the thread
 * String s = Time.timeout(Duration.ofSeconds(1), () -> fetch(url));   // throws Elapsed if late
 * Interval every = Time.interval(Duration.ofMillis(100));
 * while (running) { every.tick(); poll(); }
 * }</pre>
 *
 * <p>Inside a runtime the runtime's timer wheel is used (and its paused clock in tests); outside
 * one, a shared timer thread. Times are monotonic nanoseconds on that clock, comparable with
 * {@link #nanoTime()}. A sleep never returns before its deadline.
 */
public final class Time {
    private Time() {
    }

    /** @return the current time on the clock of the current runtime, in nanoseconds */
    public static long nanoTime() {
        return RuntimeContext.timeDriver().clock().nanoTime();
    }

    /**
     * Suspends the current task for at least {@code duration}.
     *
     * @param duration how long; zero or negative returns at once (after one check of the clock);
     *     one past any representable instant (such as {@code Duration.ofSeconds(Long.MAX_VALUE)})
     *     sleeps until the task is aborted
     */
    @Suspendable
    public static void sleep(Duration duration) {
        TimeDriver driver = RuntimeContext.timeDriver();
        long deadline = driver.deadlineAfter(saturatedNanos(duration));
        Async.await(new SleepEntry(driver, deadline));
    }

    /**
     * Suspends the current task until the clock reaches {@code deadline}.
     *
     * @param deadline a time on {@link #nanoTime()}'s clock
     */
    @Suspendable
    public static void sleepUntil(long deadline) {
        Async.await(new SleepEntry(RuntimeContext.timeDriver(), deadline));
    }

    /**
     * Runs {@code body} with a time limit. If the limit passes first, {@code body} is cancelled
     * (its next await throws {@link dev.weft.future.CancelledException}, so its {@code finally} blocks
     * run) and {@link Elapsed} is thrown.
     *
     * @param limit the time limit
     * @param body the work
     * @param <T> the result type
     * @return the body's result
     * @throws Elapsed if the limit passed first
     * @throws Exception whatever {@code body} throws, unchanged
     */
    @Suspendable
    public static <T> T timeout(Duration limit, AsyncCallable<T> body) throws Exception {
        TimeDriver driver = RuntimeContext.timeDriver();
        long deadline = driver.deadlineAfter(saturatedNanos(limit));
        // A biased select, the work first (as Tokio's timeout polls its future before the delay):
        // when the sleep wins, the select cancels the work and polls it once more to run its
        // finally blocks, then the arm throws.
        return Select.<T>biased()
                .onCall(body, value -> value)
                .on(new SleepEntry(driver, deadline), elapsed -> {
                    throw new Elapsed(limit);
                })
                .await();
    }

    /**
     * A schedule of ticks every {@code period}, first one immediately; missed ticks burst.
     *
     * @param period the period, positive
     * @return the interval
     */
    public static Interval interval(Duration period) {
        return interval(period, MissedTickBehavior.BURST);
    }

    /**
     * A schedule of ticks every {@code period}, first one immediately.
     *
     * @param period the period, positive
     * @param missed what to do when ticks were missed
     * @return the interval
     */
    public static Interval interval(Duration period, MissedTickBehavior missed) {
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("an interval's period must be positive, got " + period);
        }
        return new Interval(RuntimeContext.timeDriver(), period.toNanos(), missed);
    }

    static long saturatedNanos(Duration d) {
        if (d.isNegative()) {
            return 0;
        }
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE; // saturates to a deadline that never comes
        }
    }
}
