package dev.weft.sync.oneshot;

import dev.weft.Async;
import dev.weft.Suspendable;
import dev.weft.future.Awaitable;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.sync.SendException;

/**
 * The sending end of a oneshot {@link Channel}.
 *
 * <pre>{@code
 * Channel<Integer> ch = Channel.create();
 * ch.sender().send(42);
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
     * Completes the channel with {@code value}.
     *
     * @param value the value (may be null)
     * @throws SendException carrying the value if the receiver is closed or a value (or close)
     *     already happened
     */
    public void send(T value) {
        Waker w;
        synchronized (ch) {
            if (ch.rxClosed) {
                throw new SendException(value, "the oneshot receiver is closed; the value was not sent");
            }
            if (ch.state != Channel.EMPTY) {
                throw new SendException(value, "the oneshot sender was already used or closed");
            }
            ch.value = value;
            ch.state = Channel.SENT;
            w = ch.rxWaker;
            ch.rxWaker = null;
        }
        if (w != null) {
            w.wake();
        }
    }

    /** @return true if the receiver is closed */
    public boolean isClosed() {
        synchronized (ch) {
            return ch.rxClosed;
        }
    }

    /** Waits until the receiver is closed (for a producer to stop early). */
    @Suspendable
    public void closed() {
        Async.await(closedAwaitable());
    }

    /** @return the future {@link #closed()} awaits, for a {@code Select} branch */
    public Awaitable<Void> closedAwaitable() {
        return new Awaitable<>() {
            @Override
            public Poll<Void> poll(Waker waker) {
                synchronized (ch) {
                    if (ch.rxClosed) {
                        return Poll.ready(null);
                    }
                    ch.txWaker = waker;
                    return Poll.pending();
                }
            }

            @Override
            public void abandon() {
                synchronized (ch) {
                    ch.txWaker = null;
                }
            }
        };
    }

    /** Closes without sending (if nothing was sent): the receiver fails. Idempotent. */
    @Override
    public void close() {
        Waker w = null;
        synchronized (ch) {
            if (ch.state == Channel.EMPTY) {
                ch.state = Channel.TX_CLOSED;
                w = ch.rxWaker;
                ch.rxWaker = null;
            }
        }
        if (w != null) {
            w.wake();
        }
    }
}
