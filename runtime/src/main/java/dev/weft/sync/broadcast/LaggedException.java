package dev.weft.sync.broadcast;

/**
 * Thrown by {@link Receiver#recv()} when the receiver fell so far behind that {@link #skipped()}
 * values were overwritten before it read them (Tokio's {@code RecvError::Lagged(n)}). The
 * receiver has already moved to the oldest value still retained: call {@code recv()} again to
 * continue.
 *
 * <pre>{@code
 * while (true) {
 *     try {
 *         Event e = rx.recv();
 *         if (e == null) break;            // closed
 *         handle(e);
 *     } catch (LaggedException lag) {
 *         log.warn("lagged by " + lag.skipped());
 *     }
 * }
 * }</pre>
 */
public class LaggedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long skipped;

    /** @param skipped how many values this receiver missed */
    public LaggedException(long skipped) {
        super("broadcast receiver lagged by " + skipped + " values");
        this.skipped = skipped;
    }

    /** @return how many values this receiver missed */
    public long skipped() {
        return skipped;
    }
}
