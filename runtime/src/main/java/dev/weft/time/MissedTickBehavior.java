package dev.weft.time;

/** What an {@link Interval} does when ticks were missed because the task ran late. *
 * <pre>{@code
 * Interval every = Time.interval(Duration.ofMillis(100), MissedTickBehavior.SKIP);
 * every.tick();
 * }</pre>
 */
public enum MissedTickBehavior {
    /** Fire the missed ticks back to back until caught up (the schedule is kept). */
    BURST,
    /** Fire once now and schedule the next tick one period after now (the schedule shifts). */
    DELAY,
    /** Fire once now and skip to the next tick of the original schedule. */
    SKIP
}
