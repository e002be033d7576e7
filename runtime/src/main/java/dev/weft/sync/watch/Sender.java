package dev.weft.sync.watch;

import dev.weft.sync.SendException;

/**
 * The sending side of a watch {@link Channel}.
 *
 * <pre>{@code
 * Channel<String> ch = Channel.create("v1");
 * ch.sender().send("v2");
 * }</pre>
 *
 * @param <T> the value type
 */
public final class Sender<T> implements AutoCloseable {
    private final Channel<T> ch;

    Sender(Channel<T> ch) {
        this.ch = ch;
    }

    /**
     * Stores {@code value} and notifies the receivers.
     *
     * @param value the new value
     * @throws SendException (carrying the value, which is not stored) if no receiver is open
     */
    public void send(T value) {
        synchronized (ch) {
            if (ch.receivers == 0) {
                throw new SendException(value, "no watch receiver is open; the value was not stored");
            }
            store(value);
        }
        ch.notify.notifyWaiters();
    }

    /**
     * Stores {@code value} whether or not a receiver is open.
     *
     * @param value the new value
     * @return the previous value
     */
    public T sendReplace(T value) {
        T old;
        synchronized (ch) {
            old = ch.value;
            store(value);
        }
        ch.notify.notifyWaiters();
        return old;
    }

    private void store(T value) {
        if (ch.closed) {
            throw new IllegalStateException("send on a watch Sender that was closed");
        }
        ch.value = value;
        ch.version++;
    }

    /** @return the current value */
    public T borrow() {
        synchronized (ch) {
            return ch.value;
        }
    }

    /**
     * A new receiver that has seen the current value.
     *
     * @return the receiver
     */
    public Receiver<T> subscribe() {
        synchronized (ch) {
            ch.receivers++;
            return new Receiver<>(ch, ch.version);
        }
    }

    /** @return the number of open receivers */
    public int receiverCount() {
        synchronized (ch) {
            return ch.receivers;
        }
    }

    /** Closes the channel: receivers' {@code changed()} fails once they saw the last value. */
    @Override
    public void close() {
        synchronized (ch) {
            ch.closed = true;
        }
        ch.notify.notifyWaiters();
    }
}
