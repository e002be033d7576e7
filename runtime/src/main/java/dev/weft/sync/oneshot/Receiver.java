package dev.weft.sync.oneshot;

import dev.weft.Async;
import dev.weft.Suspendable;
import dev.weft.future.Awaitable;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.sync.ChannelClosedException;

/**
 * The receiving end of a oneshot {@link Channel}; itself the future of the value.
 *
 * <pre>{@code
 * Channel<Integer> ch = Channel.create();
 * int v = ch.receiver().recv();       // suspends until the value is sent
 * }</pre>
 *
 * @param <T> the value type
 */
public final class Receiver<T> implements Awaitable<T>, AutoCloseable {
    private final Channel<T> ch;

    Receiver(Channel<T> ch) {
        this.ch = ch;
    }

    /**
     * Waits for the value.
     *
     * @return the value
     * @throws ChannelClosedException if the sender closed without sending, or the value was
     *     already received
     */
    @Suspendable
    public T recv() {
        return Async.await(this);
    }

    @Override
    public Poll<T> poll(Waker waker) {
        synchronized (ch) {
            switch (ch.state) {
                case Channel.SENT:
                    return Poll.ready(take());
                case Channel.EMPTY:
                    if (ch.rxClosed) {
                        throw new ChannelClosedException("the oneshot receiver was closed before a value was sent");
                    }
                    ch.rxWaker = waker;
                    return Poll.pending();
                case Channel.TX_CLOSED:
                    throw new ChannelClosedException("the oneshot sender was closed without sending a value");
                default:
                    throw new ChannelClosedException("the oneshot value was already received");
            }
        }
    }

    private T take() {
        T v = ch.value;
        ch.value = null;
        ch.state = Channel.TAKEN;
        return v;
    }

    @Override
    public void abandon() {
        synchronized (ch) {
            ch.rxWaker = null;
        }
    }

    /**
     * Receives without waiting.
     *
     * @return the value
     * @throws java.util.NoSuchElementException if no value was sent yet
     * @throws ChannelClosedException if the sender closed without sending
     */
    public T tryRecv() {
        synchronized (ch) {
            if (ch.state == Channel.SENT) {
                return take();
            }
            if (ch.state == Channel.EMPTY) {
                throw new java.util.NoSuchElementException("no oneshot value yet");
            }
        }
        throw new ChannelClosedException("the oneshot sender was closed without sending, or the value was taken");
    }

    /**
     * Closes the receiver: a later send fails and gives its value back; a value already sent can
     * still be taken with {@link #tryRecv()}. Idempotent.
     */
    @Override
    public void close() {
        Waker w;
        synchronized (ch) {
            ch.rxClosed = true;
            w = ch.txWaker;
            ch.txWaker = null;
        }
        if (w != null) {
            w.wake();
        }
    }
}
