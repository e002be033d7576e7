package dev.weft.internal.log;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A log line for a condition that can repeat at any rate (a failing selector, a stuck worker, a
 * listener out of descriptors): written at most once per interval, with the number of
 * occurrences left out since the last one, so no error path can flood the log; and a failure of
 * logging itself (a handler that needs a descriptor, a class that cannot be loaded) never reaches
 * the caller, so it cannot kill the thread that reports.
 *
 * <pre>{@code
 * static final ThrottledLog SELECT_FAILED = new ThrottledLog(System.getLogger("dev.weft.io"), SECONDS.toNanos(10));
 * SELECT_FAILED.log(Level.ERROR, "the selector failed; retrying", e);
 * }</pre>
 *
 * <h2>Who may call</h2>
 * Any thread; when several race for the same interval, one of them writes.
 */
public final class ThrottledLog {
    private final System.Logger log;
    private final long intervalNanos;
    /** {@link System#nanoTime()} of the last line written, or {@code null} before the first. */
    private final AtomicReference<Long> lastWritten = new AtomicReference<>();
    private final AtomicLong leftOut = new AtomicLong();

    /**
     * @param log where to write
     * @param intervalNanos at most one line per this many nanoseconds
     */
    public ThrottledLog(System.Logger log, long intervalNanos) {
        this.log = log;
        this.intervalNanos = intervalNanos;
    }

    /**
     * Writes {@code message} (with {@code cause}, which may be null) unless a line was written
     * less than an interval ago, in which case it only counts it.
     *
     * @param level the level of the line
     * @param message the line
     * @param cause its exception, or null
     * @return true if the line was written (or writing it was attempted)
     */
    public boolean log(Level level, String message, Throwable cause) {
        long now = System.nanoTime();
        Long last = lastWritten.get();
        if (last != null && now - last < intervalNanos || !lastWritten.compareAndSet(last, now)) {
            leftOut.incrementAndGet();
            return false;
        }
        long skipped = leftOut.getAndSet(0);
        try {
            String line = skipped == 0 ? message
                    : message + " (" + skipped + " more like it since the last report were not logged)";
            if (cause == null) {
                log.log(level, line);
            } else {
                log.log(level, line, cause);
            }
        } catch (Throwable loggingFailed) {
            // logging must not kill the reporting thread; there is nowhere left to report this
        }
        return true;
    }
}
