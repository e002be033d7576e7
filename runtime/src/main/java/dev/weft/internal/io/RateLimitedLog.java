package dev.weft.internal.io;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A log line that is written at most once per interval however often its condition recurs, and
 * whose failure never reaches the caller: an error path (out of descriptors, a failing selector)
 * can neither flood the log nor kill the thread that reports it when logging itself fails (a
 * handler that needs a descriptor, a class that cannot be loaded).
 *
 * <pre>{@code
 * static final RateLimitedLog ACCEPT_FAILED = new RateLimitedLog("dev.weft.io", Duration.ofSeconds(10));
 * ACCEPT_FAILED.log(Level.WARNING, "accept failed on " + what, e);
 * }</pre>
 *
 * <p>Each line says how many occurrences were suppressed since the previous one.
 */
public final class RateLimitedLog {
    private final System.Logger logger;
    private final long intervalNanos;
    /** When the next line may be written; {@code Long.MIN_VALUE}: at once. */
    private final AtomicLong nextAllowed = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong suppressed = new AtomicLong();

    /**
     * @param loggerName the {@link System.Logger} name
     * @param intervalNanos the least time between two lines
     */
    public RateLimitedLog(String loggerName, long intervalNanos) {
        this.logger = System.getLogger(loggerName);
        this.intervalNanos = intervalNanos;
    }

    /**
     * Writes the line if the interval since the last one has passed, else counts it.
     *
     * @param level the level
     * @param message the message
     * @param thrown the cause, or null
     * @return true if the line was written (or writing it was attempted)
     */
    public boolean log(Level level, String message, Throwable thrown) {
        long now = System.nanoTime();
        long next = nextAllowed.get();
        if ((next != Long.MIN_VALUE && now - next < 0) || !nextAllowed.compareAndSet(next, now + intervalNanos)) {
            suppressed.incrementAndGet();
            return false;
        }
        long skipped = suppressed.getAndSet(0);
        try {
            String text = skipped == 0 ? message : message + " (" + skipped + " more since the last report)";
            if (thrown == null) {
                logger.log(level, text);
            } else {
                logger.log(level, text, thrown);
            }
        } catch (Throwable loggingFailed) {
            // logging must not kill the worker; there is nowhere left to report this
        }
        return true;
    }
}
