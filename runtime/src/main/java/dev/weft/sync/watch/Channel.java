package dev.weft.sync.watch;

import dev.weft.sync.Notify;

/**
 * A single value that one sender updates and many receivers watch: Tokio's {@code sync::watch}.
 *
 * <pre>{@code
 * Channel<Config> ch = Channel.create(initial);
 * Receiver<Config> rx = ch.receiver();
 * while (true) {
 *     rx.changed();                           // suspends until a new value is sent
 *     apply(rx.borrowAndUpdate());
 * }
 * }</pre>
 *
 * <h2>Semantics</h2>
 * <ul>
 *   <li>Receivers see only the latest value; intermediate values may be skipped.</li>
 *   <li>Each receiver remembers the version it last saw; {@link Receiver#changed()} returns at
 *       once if a newer version exists, else waits for one. It throws
 *       {@link dev.weft.sync.ChannelClosedException} once the sender is closed (and the receiver
 *       has seen the last value).</li>
 *   <li>{@link Sender#send} throws {@link dev.weft.sync.SendException} when no receiver is open
 *       (the value is not stored); {@link Sender#sendReplace} always stores.</li>
 *   <li>{@code changed} is cancel safe.</li>
 * </ul>
 *
 * <h2>Invariants</h2>
 * {@code value}, {@code version}, {@code receivers} and {@code closed} are guarded by the monitor
 * of this object. Every change bumps {@code version} and then calls
 * {@link Notify#notifyWaiters()} outside the monitor; waiting receivers create their
 * {@code Notified} before checking the version.
 *
 * @param <T> the value type (null allowed)
 */
public final class Channel<T> {
    final Notify notify = new Notify();
    /** guarded by this */
    T value;
    /** guarded by this */
    long version;
    /** guarded by this */
    int receivers = 1;
    /** guarded by this */
    boolean closed;

    private final Sender<T> sender;
    private final Receiver<T> receiver;

    private Channel(T initial) {
        value = initial;
        sender = new Sender<>(this);
        receiver = new Receiver<>(this, 0);
    }

    /**
     * @param initial the initial value (marked as seen by the first receiver)
     * @param <T> the value type
     * @return a new channel
     */
    public static <T> Channel<T> create(T initial) {
        return new Channel<>(initial);
    }

    /** @return the sender */
    public Sender<T> sender() {
        return sender;
    }

    /** @return the first receiver */
    public Receiver<T> receiver() {
        return receiver;
    }
}
