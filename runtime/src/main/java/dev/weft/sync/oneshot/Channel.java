package dev.weft.sync.oneshot;

import dev.weft.future.Waker;

/**
 * A channel for exactly one value: Tokio's {@code sync::oneshot}.
 *
 * <pre>{@code
 * Channel<Integer> ch = Channel.create();
 * Task.spawn(() -> { ch.sender().send(compute()); return null; });
 * int v = ch.receiver().recv();
 * }</pre>
 *
 * <h2>Semantics</h2>
 * <ul>
 *   <li>{@link Sender#send} never waits; it throws {@link dev.weft.sync.SendException} carrying the
 *       value if the receiver was closed, or if a value was already sent.</li>
 *   <li>{@link Receiver#recv()} waits for the value; if the sender is closed without sending, it
 *       throws {@link dev.weft.sync.ChannelClosedException}. The receiver is itself an
 *       {@code Awaitable}, so it can be a {@code Select} branch; it is cancel safe.</li>
 * </ul>
 *
 * <h2>Invariants</h2>
 * All state is guarded by the monitor of this object; wakers are called after it is released.
 * {@code state} moves EMPTY to SENT or TX_CLOSED, and any state to RX_CLOSED's flag being set.
 *
 * @param <T> the value type (null allowed)
 */
public final class Channel<T> {
    static final int EMPTY = 0;
    static final int SENT = 1;
    static final int TX_CLOSED = 2;
    static final int TAKEN = 3;

    /** guarded by this */
    int state = EMPTY;
    /** guarded by this */
    boolean rxClosed;
    /** guarded by this */
    T value;
    /** guarded by this */
    Waker rxWaker;
    /** guarded by this: the sender's waker while it awaits {@link Sender#closed()} */
    Waker txWaker;

    private final Sender<T> sender = new Sender<>(this);
    private final Receiver<T> receiver = new Receiver<>(this);

    private Channel() {
    }

    /**
     * @param <T> the value type
     * @return a new oneshot channel
     */
    public static <T> Channel<T> create() {
        return new Channel<>();
    }

    /** @return the sending end */
    public Sender<T> sender() {
        return sender;
    }

    /** @return the receiving end */
    public Receiver<T> receiver() {
        return receiver;
    }
}
