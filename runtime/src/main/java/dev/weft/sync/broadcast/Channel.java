package dev.weft.sync.broadcast;

import dev.weft.sync.Notify;

/**
 * A multi-producer, multi-consumer channel where every receiver sees every value: Tokio's
 * {@code sync::broadcast}.
 *
 * <pre>{@code
 * Channel<String> ch = Channel.create(64);
 * Receiver<String> a = ch.receiver(), b = ch.sender().subscribe();
 * ch.sender().send("hi");                  // both a and b receive "hi"
 * }</pre>
 *
 * <h2>Semantics</h2>
 * <ul>
 *   <li>A ring of {@code capacity} slots. {@link Sender#send} never waits: it overwrites the
 *       oldest slot. A receiver that falls more than {@code capacity} values behind gets a
 *       {@link LaggedException} saying by how many, and continues from the oldest retained value.</li>
 *   <li>{@code send} with no open receiver throws {@link dev.weft.sync.SendException} carrying
 *       the value; it returns the number of receivers otherwise.</li>
 *   <li>Once every sender is closed, receivers drain what is retained and then
 *       {@link Receiver#recv()} returns null. Values must not be null.</li>
 *   <li>A receiver sees the values sent after it subscribed.</li>
 *   <li>{@code recv} is cancel safe. Retained values stay referenced until overwritten.</li>
 * </ul>
 *
 * <h2>Invariants</h2>
 * {@code tail}, the slots, {@code receivers}, {@code senders} and {@code closed} are guarded by
 * the monitor of this object. Slot {@code p & mask} holds position {@code p} for
 * {@code tail - capacity <= p < tail}. Waiting receivers wait on {@link #notify}, and every send
 * or close calls {@link Notify#notifyWaiters()} after releasing the monitor; a receiver creates
 * its {@code Notified} before checking, so no send is missed.
 *
 * @param <T> the element type
 */
public final class Channel<T> {
    final Object[] slots;
    final int mask;
    final Notify notify = new Notify();
    /** guarded by this: the position the next send writes */
    long tail;
    /** guarded by this */
    int receivers = 1;
    /** guarded by this */
    int senders = 1;
    /** guarded by this */
    boolean closed;

    private final Sender<T> sender;
    private final Receiver<T> receiver;

    private Channel(int capacity) {
        int cap = Integer.highestOneBit(capacity);
        if (cap < capacity) {
            cap <<= 1;
        }
        slots = new Object[cap];
        mask = cap - 1;
        sender = new Sender<>(this);
        receiver = new Receiver<>(this, 0);
    }

    /**
     * @param capacity values retained for slow receivers, 1 to 2^30 (rounded up to a power of two)
     * @param <T> the element type
     * @return a new channel with one sender and one receiver
     */
    public static <T> Channel<T> create(int capacity) {
        if (capacity < 1 || capacity > (1 << 30)) {
            throw new IllegalArgumentException("capacity must be between 1 and 2^30, got " + capacity);
        }
        return new Channel<>(capacity);
    }

    /** @return the first sender */
    public Sender<T> sender() {
        return sender;
    }

    /** @return the first receiver */
    public Receiver<T> receiver() {
        return receiver;
    }

    int capacity() {
        return slots.length;
    }
}
