package dev.weft.internal.time;

/**
 * Where the runtime reads monotonic time. The system clock in production; a {@link PausedClock}
 * in tests, so an hour of timeouts runs in milliseconds.
 */
public interface ClockSource {
    /** @return monotonic nanoseconds, like {@link System#nanoTime()} */
    long nanoTime();

    /** @return true if time only moves when advanced (tests) */
    default boolean isPaused() {
        return false;
    }

    /**
     * Moves a paused clock forward; the system clock ignores it.
     *
     * @param nanos how far
     */
    default void advance(long nanos) {
    }

    /** The system's monotonic clock. */
    ClockSource SYSTEM = System::nanoTime;
}
