package dev.weft.sync.broadcast;

import dev.weft.sync.SendException;
import java.util.Objects;

/**
 * A sending handle of a broadcast {@link Channel}; see there. {@link #copy()} makes another.
 *
 * <pre>{@code
 * Channel<String> ch = Channel.create(64);
 * ch.sender().send("news");
 * }</pre>
 *
 * @param <T> the element type
 */
public final class Sender<T> implements AutoCloseable {
    private final Channel<T> ch;
    private boolean closed;

    Sender(Channel<T> ch) {
        this.ch = ch;
    }

    /**
     * Sends to every open receiver; never waits.
     *
     * @param value the value, not null
     * @return the number of receivers it was sent to
     * @throws SendException (carrying the value) if no receiver is open
     */
    public int send(T value) {
        Objects.requireNonNull(value, "broadcast values must not be null");
        if (closed) {
            throw new IllegalStateException("send on a broadcast Sender that was closed");
        }
        int n;
        synchronized (ch) {
            n = ch.receivers;
            if (n == 0) {
                throw new SendException(value, "no broadcast receiver is open; the value was not sent");
            }
            ch.slots[(int) (ch.tail & ch.mask)] = value;
            ch.tail++;
        }
        ch.notify.notifyWaiters();
        return n;
    }

    /**
     * A new receiver that sees the values sent from now on.
     *
     * @return the receiver
     */
    public Receiver<T> subscribe() {
        synchronized (ch) {
            ch.receivers++;
            return new Receiver<>(ch, ch.tail);
        }
    }

    /** @return the number of open receivers */
    public int receiverCount() {
        synchronized (ch) {
            return ch.receivers;
        }
    }

    /**
     * Another sending handle, closed separately.
     *
     * @return the handle
     */
    public Sender<T> copy() {
        synchronized (ch) {
            if (closed || ch.closed) {
                throw new IllegalStateException("copy of a closed broadcast Sender");
            }
            ch.senders++;
        }
        return new Sender<>(ch);
    }

    /** Closes this handle; after the last one receivers drain and then see the end. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (ch) {
            if (--ch.senders == 0) {
                ch.closed = true;
            }
        }
        ch.notify.notifyWaiters();
    }
}
