package dev.weft.time;

import java.time.Duration;

/**
 * Thrown by {@link Time#timeout(Duration, dev.weft.AsyncCallable)} when the deadline passed
 * before the work finished. The work was cancelled: its {@code finally} blocks ran.
 *
 * <pre>{@code
 * try {
 *     Time.timeout(Duration.ofMillis(50), () -> slowCall());
 * } catch (Elapsed e) {
 *     // slowCall was cancelled; its finally blocks ran
 * }
 * }</pre>
 */
public final class Elapsed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param limit the timeout that elapsed */
    public Elapsed(Duration limit) {
        super("deadline elapsed: the work did not finish within " + limit + " and was cancelled");
    }
}
