package dev.weft.sync;

/**
 * A send to a closed channel (every receiver closed, or none subscribed): carries the value
 * back so the sender can keep it, as Tokio's {@code SendError<T>}.
 *
 * <pre>{@code
 * try {
 *     tx.send(job);
 * } catch (SendException e) {
 *     Job back = e.value();     // nobody will ever receive it
 * }
 * }</pre>
 */
public class SendException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final transient Object value;

    /**
     * @param value the value that was not sent
     * @param message what happened
     */
    public SendException(Object value, String message) {
        super(message);
        this.value = value;
    }

    /**
     * The value that was not sent.
     *
     * @param <T> the channel's element type (unchecked)
     * @return the value
     */
    @SuppressWarnings("unchecked")
    public <T> T value() {
        return (T) value;
    }
}
