package dev.weft.internal.jfr;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Finds polls that hold their thread past a threshold and writes a {@code dev.weft.LongPoll}
 * event with the stuck thread's stack, sampled while it is stuck (so the blocking call is on
 * it). One per runtime.
 *
 * <h2>Cost</h2>
 * The watchdog thread exists only while a recording enables {@code dev.weft.LongPoll}: the first
 * watched poll starts it, and it exits at the first tick that finds the event disabled. While
 * it runs it wakes every half threshold (5 ms by default) and reads two fields per watched
 * thread; it calls {@link Thread#getStackTrace()} only for a poll already past the threshold.
 * A stuck poll is reported once, between 1 and 1.5 thresholds after it began.
 *
 * <h2>Who may call</h2>
 * Any thread.
 */
public final class PollWatchdog {
    /** The default threshold: a poll longer than this blocks other tasks noticeably. */
    public static final Duration DEFAULT_THRESHOLD = Duration.ofMillis(10);

    private final String name;
    private final List<PollWatch> watches = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile long thresholdNanos = DEFAULT_THRESHOLD.toNanos();
    private volatile boolean closed;

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
        if (running.get() || closed || !running.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(this::loop, name);
        t.setDaemon(true);
        t.start();
    }

    /** Stops the watchdog at its next tick. */
    public void close() {
        closed = true;
    }

    private void loop() {
        while (true) {
            if (closed || !LongPollEvent.enabled()) {
                running.set(false);
                // a poll may have seen running == true just before: look again before leaving
                if (closed || !LongPollEvent.enabled() || !running.compareAndSet(false, true)) {
                    return;
                }
            }
            long threshold = thresholdNanos;
            LockSupport.parkNanos(this, Math.max(TimeUnit.MILLISECONDS.toNanos(1), threshold / 2));
            long now = System.nanoTime();
            for (PollWatch w : watches) {
                try {
                    w.check(now, threshold);
                } catch (RuntimeException e) {
                    // a failing event: skip it this tick
                }
            }
        }
    }
}
