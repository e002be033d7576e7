package dev.weft.sync.mpsc;

/**
 * A multi-producer, single-consumer channel: the factory and the pair of ends, as Tokio's
 * {@code sync::mpsc}.
 *
 * <pre>{@code
 * Channel<String> ch = Channel.bounded(16);
 * Sender<String> tx = ch.sender();
 * Receiver<String> rx = ch.receiver();
 * Task.spawn(() -> { try (tx) { tx.send("hello"); } return null; });
 * String m;
 * while ((m = rx.recv()) != null) { System.out.println(m); }   // null: every sender closed
 * }</pre>
 *
 * <h2>Semantics</h2>
 * <ul>
 *   <li>Bounded: {@link Sender#send} suspends while {@code capacity} values are queued; waiting
 *       senders are served FIFO. Unbounded: {@code send} never suspends.</li>
 *   <li>Values are received in the order their sends took their place in the queue: a send that
 *       returned before another began is received first, and one handle's values arrive in the
 *       order it sent them. Values must not be null.</li>
 *   <li>Allocation: a bounded channel of capacity up to 4096 makes its queue at creation, and
 *       each handle reuses one send future, so a send allocates nothing (after a handle's first
 *       wait on a full channel, waiting does not either).</li>
 *   <li>End of stream: once every {@link Sender} is closed (or the receiver closed itself) and
 *       the queue is drained, {@link Receiver#recv()} returns {@code null}.</li>
 *   <li>A send after {@link Receiver#close()} throws {@link dev.weft.sync.SendException} carrying
 *       the value; senders suspended on a full channel are released with the same exception.</li>
 *   <li>Cancel safety: {@code recv} is cancel safe (a cancelled receive took no value); a
 *       cancelled {@code send} either sent its value or left no capacity reserved.</li>
 *   <li>Java has no destructors: close every {@code Sender} (try-with-resources) or the receiver
 *       never learns the end; a receiver that stops reading should {@code close()}.</li>
 * </ul>
 *
 * @param <T> the element type
 */
public final class Channel<T> {
    private final Sender<T> sender;
    private final Receiver<T> receiver;

    private Channel(Chan<T> chan) {
        sender = new Sender<>(chan);
        receiver = new Receiver<>(chan);
    }

    /**
     * @param capacity values the channel buffers before {@code send} suspends, at least 1
     * @param <T> the element type
     * @return a new bounded channel
     */
    public static <T> Channel<T> bounded(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        return new Channel<>(new Chan<>(capacity));
    }

    /**
     * @param <T> the element type
     * @return a new unbounded channel
     */
    public static <T> Channel<T> unbounded() {
        return new Channel<>(new Chan<>(0));
    }

    /** @return the first sender; {@link Sender#copy()} makes more */
    public Sender<T> sender() {
        return sender;
    }

    /** @return the receiver */
    public Receiver<T> receiver() {
        return receiver;
    }
}
