package dev.weft.test;

import dev.weft.Suspendable;
import dev.weft.Task;
import dev.weft.internal.scheduler.RuntimeContext;
import dev.weft.internal.scheduler.RuntimeCore;
import dev.weft.internal.time.PausedClock;
import dev.weft.internal.time.TimeDriver;
import java.time.Duration;
import java.util.Objects;

/**
 * The paused clock of the runtime a {@code @WeftTest(paused = true)} runs on, as a parameter of
 * the test method. Time stands still until advanced: by {@link #advance(Duration)}, by
 * {@link #advanceUntilIdle()}, or by the runtime itself when every task is idle and a timer is
 * registered (the clock then jumps to it). An await on an outside {@link
 * java.util.concurrent.CompletionStage} (an {@code HttpClient} call) holds the clock: no jump
 * while it is pending, so its real duration is not skipped over by timeouts.
 *
 * <pre>{@code
 * @WeftTest(paused = true)
 * @Suspendable
 * void retriesAfterOneSecond(TestClock clock) {
 *     JoinHandle<Integer> h = Task.spawn(() -> retrier.call());
 *     clock.advance(Duration.ofMillis(999));
 *     assertEquals(1, attempts.get());
 *     clock.advance(Duration.ofMillis(1));
 *     assertEquals(2, attempts.get());
 * }
 * }</pre>
 *
 * <p>Every method acts on the runtime of the calling task, so one instance serves any test.
 */
public final class TestClock {
    /** Yields that {@link #settle()} gives queued tasks before it gives up on them going idle. */
    private static final int SETTLE_YIELDS = 10_000;

    TestClock() {
    }

    /** @return the clock's reading as a duration since the runtime started */
    public Duration elapsed() {
        RuntimeCore s = core("elapsed");
        return Duration.ofNanos(s.driver().time().clock().nanoTime() - PausedClock.START);
    }

    /** @return the clock now, in nanoseconds, as {@link dev.weft.time.Time#nanoTime()} reads it */
    public long now() {
        return core("now").driver().time().clock().nanoTime();
    }

    /**
     * Moves time forward by {@code d}, fires every timer due by then, and lets the woken tasks
     * run until none is runnable, as Tokio's {@code time::advance}.
     *
     * @param d how far; not negative
     */
    @Suspendable
    public void advance(Duration d) {
        Objects.requireNonNull(d, "d");
        if (d.isNegative()) {
            throw new IllegalArgumentException("TestClock.advance: time cannot go backwards, got " + d);
        }
        TimeDriver time = core("advance").driver().time();
        long target = time.clock().nanoTime() + d.toNanos();
        // step from deadline to deadline, so a task woken early can register later timers in order
        while (true) {
            settle();
            long next = time.nanosUntilNext();
            long left = target - time.clock().nanoTime();
            if (next == Long.MAX_VALUE || next > left) {
                time.clock().advance(left);
                time.processExpired();
                settle();
                return;
            }
            time.clock().advance(next);
            time.processExpired();
        }
    }

    /**
     * Runs every task and jumps the clock from timer to timer until no task is runnable and no
     * timer is left, as kotlinx's {@code advanceUntilIdle}. A task that re-arms a timer for ever
     * (an {@code Interval}) keeps it busy: advance such tests by {@link #advance(Duration)}.
     */
    @Suspendable
    public void advanceUntilIdle() {
        TimeDriver time = core("advanceUntilIdle").driver().time();
        while (true) {
            settle();
            long next = time.nanosUntilNext();
            if (next == Long.MAX_VALUE) {
                return;
            }
            time.clock().advance(next);
            time.processExpired();
        }
    }

    /** Yields until no other task is queued to run. */
    @Suspendable
    static void settle() {
        RuntimeCore s = RuntimeContext.current().core();
        for (int i = 0; i < SETTLE_YIELDS && queued(s) > 0; i++) {
            Task.yieldNow();
        }
        Task.yieldNow();   // once more: a task polled last may have woken the caller's peers
    }

    private static long queued(RuntimeCore s) {
        var m = s.metrics();
        return m.injectionQueueDepth() + m.localQueueDepth();
    }

    private static RuntimeCore core(String what) {
        RuntimeContext c = RuntimeContext.current();
        if (c == null) {
            throw new IllegalStateException("TestClock." + what + " was called outside a Weft runtime;"
                    + " call it from the @WeftTest method or a task it spawned");
        }
        RuntimeCore s = c.core();
        if (!s.driver().time().clock().isPaused()) {
            throw new IllegalStateException("TestClock." + what + " needs a paused clock: use @WeftTest(paused = true)");
        }
        return s;
    }
}
