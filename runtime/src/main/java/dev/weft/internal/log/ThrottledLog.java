package dev.weft.internal.log;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A log line for a condition that can repeat at any rate (a failing selector, a stuck worker):
 * written at most once per interval, with the number of occurrences left out since the last
 * one, so no error path can flood the log.
 *
 * <h2>Who may call</h2>
 * Any thread; when several race for the same interval, one of them writes.
 */
public final class ThrottledLog {
    private final System.Logger log;
    private final Level level;
    private final long intervalNanos;
    /** {@link System#nanoTime()} of the last line written, or {@code null} before the first. */
    private final AtomicReference<Long> lastWritten = new AtomicReference<>();
    private final AtomicLong leftOut = new AtomicLong();

    /**
     * @param log where to write
     * @param level the level of each line
     * @param intervalNanos at most one line per this many nanoseconds
     */
    public ThrottledLog(System.Logger log, Level level, long intervalNanos) {
        this.log = log;
        this.level = level;
        this.intervalNanos = intervalNanos;
    }

    /**
     * Writes {@code message} (with {@code cause}, which may be null) unless a line was written
     * less than an interval ago, in which case it only counts it.
     *
     * @param message the line
     * @param cause its exception, or null
     * @return true if the line was written
     */
    public boolean log(String message, Throwable cause) {
        long now = System.nanoTime();
        Long last = lastWritten.get();
        if (last != null && now - last < intervalNanos || !lastWritten.compareAndSet(last, now)) {
            leftOut.incrementAndGet();
            return false;
        }
        long skipped = leftOut.getAndSet(0);
        String line = skipped == 0 ? message
                : message + " (" + skipped + " more like it since the last report were not logged)";
        if (cause == null) {
            log.log(level, line);
        } else {
            log.log(level, line, cause);
        }
        return true;
    }
}
