package dev.weft.internal.jfr;

/**
 * The watchdog's own time line: {@link System#nanoTime()} less every span in which the watchdog
 * itself was held far past the pause it asked for (a stop-the-world collection, a long safepoint,
 * a machine with no CPU to give it). Polls are timed on this line, so a pause that stopped every
 * thread of the JVM is not blamed on the task that happened to be polled when it began.
 *
 * <p>Lateness up to the tolerance is ordinary scheduling jitter and stays on the line; only the
 * whole of a longer lateness is left out. Watchdog thread only.
 */
final class HeldTimeClock {
    private long left;

    /**
     * @param parkedAt {@link System#nanoTime()} just before the watchdog parked
     * @param now {@link System#nanoTime()} just after it woke
     * @param pause how long it asked to park, nanoseconds
     * @param tolerance lateness that still counts as running time, nanoseconds
     * @return {@code now} on the time line
     */
    long afterPark(long parkedAt, long now, long pause, long tolerance) {
        long late = now - parkedAt - pause;
        if (late > tolerance) {
            left += late;
        }
        return now - left;
    }
}
