package dev.weft.internal.time;

import java.util.concurrent.locks.LockSupport;

/**
 * The time driver used outside any runtime (a plain thread, {@code Coroutine.blockOn}): one
 * daemon thread, started on first use, that sleeps until the next deadline.
 */
public final class StandaloneTimer {
    private static final class Holder {
        static final StandaloneTimer INSTANCE = new StandaloneTimer();
    }

    private final Thread thread;
    private final TimeDriver driver;

    private StandaloneTimer() {
        thread = new Thread(this::run, "weft-standalone-timer");
        thread.setDaemon(true);
        driver = new TimeDriver(ClockSource.SYSTEM, () -> LockSupport.unpark(thread));
        thread.start();
    }

    /** @return the shared driver */
    public static TimeDriver driver() {
        return Holder.INSTANCE.driver;
    }

    private void run() {
        while (true) {
            driver.processExpired();
            long wait = driver.nanosUntilNext();
            LockSupport.parkNanos(this, Math.min(wait, 1_000_000_000L));
        }
    }
}
