package dev.weft.sync.mpsc;

import dev.weft.Async;
import dev.weft.Suspendable;
import dev.weft.future.Awaitable;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.internal.sync.BatchSemaphore;
import dev.weft.sync.SendException;
import java.util.Objects;

/**
 * One sending handle of an mpsc {@link Channel}; see there for the semantics. A handle is used by
 * one task at a time; {@link #copy()} gives another task its own. Closing the last open handle
 * ends the stream for the receiver.
 *
 * <pre>{@code
 * Channel<String> ch = Channel.bounded(16);
 * ch.sender().send("job");            // suspends while the channel is full
 * }</pre>
 *
 * @param <T> the element type
 */
public final class Sender<T> implements AutoCloseable {
    private final Chan<T> chan;
    private boolean closed;

    Sender(Chan<T> chan) {
        this.chan = chan;
    }

    /**
     * Sends {@code value}, suspending while a bounded channel is full.
     *
     * @param value the value, not null
     * @throws SendException (carrying the value) if the receiver is closed
     */
    @Suspendable
    public void send(T value) {
        Async.await(sendAwaitable(value));
    }

    /**
     * The future {@link #send} awaits, for a {@code Select} branch. If abandoned before it
     * completes, the value was not sent and no capacity stays reserved.
     *
     * @param value the value, not null
     * @return the future
     */
    public Awaitable<Void> sendAwaitable(T value) {
        Objects.requireNonNull(value, "mpsc values must not be null");
        checkOpen();
        if (chan.capacity == null) {
            return waker -> {
                sendUnbounded(value);
                return Poll.ready(null);
            };
        }
        return new Sending<>(chan, value, chan.capacity.acquire(1));
    }

    /**
     * Sends without waiting.
     *
     * @param value the value, not null
     * @return false if a bounded channel is full
     * @throws SendException (carrying the value) if the receiver is closed
     */
    public boolean trySend(T value) {
        Objects.requireNonNull(value, "mpsc values must not be null");
        checkOpen();
        if (chan.capacity == null) {
            sendUnbounded(value);
            return true;
        }
        switch (chan.capacity.tryAcquire(1)) {
            case ACQUIRED:
                chan.push(value);
                return true;
            case CLOSED:
                throw closed(value);
            default:
                return false;
        }
    }

    private void sendUnbounded(T value) {
        if (!chan.reserveUnbounded()) {
            throw closed(value);
        }
        chan.push(value);
    }

    static SendException closed(Object value) {
        return new SendException(value, "the mpsc receiver is closed; the value was not sent");
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("send on a Sender that was closed");
        }
    }

    /**
     * Another handle to the same channel, to be closed separately.
     *
     * @return the new handle
     * @throws IllegalStateException if this handle is closed
     */
    public Sender<T> copy() {
        checkOpen();
        chan.senders.incrementAndGet();
        return new Sender<>(chan);
    }

    /** @return true if the receiver is closed: every later send fails */
    public boolean isClosed() {
        return chan.isRxClosed();
    }

    /** @return values that can be sent now without waiting (Integer.MAX_VALUE if unbounded) */
    public int capacity() {
        return chan.capacity == null ? Integer.MAX_VALUE : chan.capacity.availablePermits();
    }

    /** Closes this handle; when the last one closes the receiver sees the end. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (chan.senders.decrementAndGet() == 0) {
            chan.txClosed = true;
            chan.wakeRx();
        }
    }

    private static final class Sending<T> implements Awaitable<Void> {
        private final Chan<T> chan;
        private final T value;
        private final BatchSemaphore.Acquire permit;

        Sending(Chan<T> chan, T value, BatchSemaphore.Acquire permit) {
            this.chan = chan;
            this.value = value;
            this.permit = permit;
        }

        @Override
        public Poll<Void> poll(Waker waker) {
            Poll<Boolean> p = permit.poll(waker);
            if (p.isPending()) {
                return Poll.pending();
            }
            if (!p.value()) {
                throw closed(value);
            }
            chan.push(value);
            return Poll.ready(null);
        }

        @Override
        public void abandon() {
            permit.abandon();
        }
    }
}
