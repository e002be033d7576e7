package dev.weft.internal.jfr;

import dev.weft.internal.log.ThrottledLog;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Finds polls that hold their thread past a threshold (a task that never awaits, or blocks its
 * worker in {@code Thread.sleep} or a lock) and reports each once, with the stuck thread's stack
 * sampled while it is stuck (so the blocking call is on it): as a WARNING in the
 * {@code dev.weft.runtime} log (at most one line per {@value #WARNING_INTERVAL_SECONDS} s for
 * the runtime, unless turned off with {@code Builder.warnOnBlockedWorker(false)}), or, while a
 * recording enables it, as a {@code dev.weft.LongPoll} event instead. One per runtime.
 *
 * <h2>Cost</h2>
 * The watchdog thread exists while warnings are on or a recording enables the event: the first
 * watched poll starts it, and it exits at the first tick that finds neither wanted. While it
 * runs it wakes every half threshold (5 ms by default) and reads two fields per watched thread;
 * it calls {@link Thread#getStackTrace()} only for a poll already past the threshold. A watched
 * poll costs its thread two stores and no clock read. A stuck poll is reported once, between 1
 * and 1.5 thresholds after it began.
 *
 * <p>Polls are timed on a {@link HeldTimeClock}: when the watchdog's own park returns a
 * threshold or more late, the whole JVM was held (a stop-the-world collection) and that span is
 * not counted, so a collection pause is not reported as a task blocking its worker.
 *
 * <p>An idle runtime does not keep it busy: after {@value #IDLE_TICKS} ticks in a row that found
 * no poll running, it dozes, doubling its pause up to {@value #MAX_DOZE_MILLIS} ms, and the next
 * poll that starts wakes it ({@link #ensureRunning()} unparks it once). The wake is not fenced
 * against the doze, so a poll that began just as the watchdog dozed, on a runtime where no other
 * poll follows it, is reported up to {@value #MAX_DOZE_MILLIS} ms late, never lost.
 *
 * <h2>Who may call</h2>
 * Any thread.
 */
public final class PollWatchdog {
    /** The default threshold: a poll longer than this blocks other tasks noticeably. */
    public static final Duration DEFAULT_THRESHOLD = Duration.ofMillis(10);

    /** At most one blocked-worker warning per this many seconds, for the whole runtime. */
    public static final int WARNING_INTERVAL_SECONDS = 10;

    /** Ticks in a row with no poll running before the watchdog dozes. */
    static final int IDLE_TICKS = 64;

    /** The longest pause of a dozing watchdog. */
    static final int MAX_DOZE_MILLIS = 1000;

    /** Where a stuck poll is reported; the watchdog's thread. */
    interface Report {
        void stuck(Thread worker, TracedTask task, long stuckFor, long threshold, StackTraceElement[] stack);
    }

    private final String name;
    private final ThrottledLog warnings = new ThrottledLog(System.getLogger("dev.weft.runtime"),
            TimeUnit.SECONDS.toNanos(WARNING_INTERVAL_SECONDS));
    private volatile boolean warn = true;
    private final List<PollWatch> watches = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean();
    /** True while the watchdog pauses longer than a tick; the next poll that sees it wakes it. */
    private final AtomicBoolean dozing = new AtomicBoolean();
    private volatile Thread thread;
    private volatile long thresholdNanos = DEFAULT_THRESHOLD.toNanos();
    private volatile boolean closed;
    /** watchdog-only: the time line polls are timed on. */
    private final HeldTimeClock time = new HeldTimeClock();

    /** @param name the watchdog thread's name */
    public PollWatchdog(String name) {
        this.name = name;
    }

    /** @param threshold polls longer than this are reported; at least 1 ms */
    public void setThreshold(Duration threshold) {
        if (threshold.compareTo(Duration.ofMillis(1)) < 0) {
            throw new IllegalArgumentException("longPollThreshold must be at least 1 ms, got " + threshold);
        }
        thresholdNanos = threshold.toNanos();
    }

    /** @param on whether a stuck poll is logged as a warning (default true) */
    public void setWarnings(boolean on) {
        warn = on;
    }

    /** @return true if polls should be watched now: warnings are on or a recording wants them */
    public boolean wanted() {
        return warn || JfrGate.on() && LongPollEvent.enabled();
    }

    /** @return the threshold in nanoseconds */
    public long thresholdNanos() {
        return thresholdNanos;
    }

    /**
     * @param thread a thread that polls tasks of this runtime (the caller)
     * @return its watch, to {@link PollWatch#begin} and {@link PollWatch#end} around each poll
     */
    public PollWatch watch(Thread thread) {
        PollWatch w = new PollWatch(thread);
        watches.add(w);
        return w;
    }

    /** @param w a watch whose thread stops polling tasks of this runtime */
    public void unwatch(PollWatch w) {
        watches.remove(w);
    }

    /** Starts the watchdog thread unless it runs; cheap when it does. */
    public void ensureRunning() {
        if (running.get()) {
            if (dozing.get() && dozing.compareAndSet(true, false)) {
                Thread t = thread;
                if (t != null) {
                    LockSupport.unpark(t);
                }
            }
            return;
        }
        if (closed || !running.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(this::loop, name);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** @return how many threads are watched now; for tests */
    public int watched() {
        return watches.size();
    }

    /** @return true while the watchdog dozes (an idle runtime); for tests */
    public boolean dozing() {
        return dozing.get();
    }

    /** Stops the watchdog at its next tick. */
    public void close() {
        closed = true;
    }

    private void loop() {
        int idleTicks = 0;
        while (true) {
            if (closed || !wanted()) {
                running.set(false);
                // a poll may have seen running == true just before: look again before leaving
                if (closed || !wanted() || !running.compareAndSet(false, true)) {
                    return;
                }
            }
            long threshold = thresholdNanos;
            long tick = Math.max(TimeUnit.MILLISECONDS.toNanos(1), threshold / 2);
            long parkedAt = System.nanoTime();
            long pause;
            if (idleTicks < IDLE_TICKS) {
                pause = tick;
                LockSupport.parkNanos(this, pause);
            } else {
                dozing.set(true);
                pause = dozePause(tick, idleTicks - IDLE_TICKS + 1);
                LockSupport.parkNanos(this, pause);
                dozing.set(false);
            }
            // a park that returned a threshold or more late means every thread was held (a GC
            // pause): that span is not counted against the poll that was running
            long now = time.afterPark(parkedAt, System.nanoTime(), pause, threshold);
            boolean busy = false;
            for (PollWatch w : watches) {
                try {
                    busy |= w.check(now, threshold, this::report);
                } catch (RuntimeException e) {
                    // a failing event: skip it this tick
                    busy = true;
                }
            }
            idleTicks = busy ? 0 : Math.min(idleTicks + 1, Integer.MAX_VALUE - 1);
        }
    }

    /**
     * @param tick the pause between ticks, nanoseconds
     * @param doublings how many times to double it (1 or more)
     * @return {@code tick} doubled that often, at most {@value #MAX_DOZE_MILLIS} ms; never overflows
     *     (a shift past the sign bit would make the pause negative and the watchdog spin)
     */
    static long dozePause(long tick, int doublings) {
        long max = TimeUnit.MILLISECONDS.toNanos(MAX_DOZE_MILLIS);
        return doublings >= 63 || tick >= max >> doublings ? Math.max(max, tick) : tick << doublings;
    }

    private void report(Thread worker, TracedTask task, long stuckFor, long threshold, StackTraceElement[] stack) {
        if (JfrGate.on() && LongPollEvent.enabled()) {
            // the recording is the report: a first log line can hold this thread for tens of
            // milliseconds (handler set-up), long enough to miss the next stuck poll
            WeftEvents.longPoll(worker, task, stuckFor, threshold, stack);
            return;
        }
        if (warn) {
            StringBuilder b = new StringBuilder(512);
            b.append(task == null ? "a task" : task.toString()).append(" has held worker thread '")
                    .append(worker.getName()).append("' for ").append(TimeUnit.NANOSECONDS.toMillis(stuckFor))
                    .append(" ms without awaiting (a CPU-bound loop, or a blocking call such as Thread.sleep or a"
                            + " lock); other tasks of this worker wait meanwhile. Await instead, move the work to"
                            + " Task.spawnBlocking, or yield with Task.yieldNow. Its stack:");
            for (StackTraceElement e : stack) {
                b.append("\n\tat ").append(e);
            }
            warnings.log(System.Logger.Level.WARNING, b.toString(), null);
        }
    }
}
