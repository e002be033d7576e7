package dev.weft.sync;

/**
 * A receive that can never succeed: the sending side of a {@code oneshot} or {@code watch}
 * channel was closed (without sending, for oneshot). Channels whose receive returns
 * {@code null} at the end ({@code mpsc}, {@code broadcast}) do not throw it.
 *
 * <pre>{@code
 * var ch = dev.weft.sync.oneshot.Channel.<String>create();
 * ch.sender().close();
 * try {
 *     ch.receiver().recv();
 * } catch (ChannelClosedException e) {
 *     // the sender is gone
 * }
 * }</pre>
 */
public class ChannelClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** @param message what was closed */
    public ChannelClosedException(String message) {
        super(message);
    }
}
