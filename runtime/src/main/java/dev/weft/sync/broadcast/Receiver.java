package dev.weft.sync.broadcast;

import dev.weft.Async;
import dev.weft.Suspendable;
import dev.weft.future.Awaitable;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.sync.Notify;

/**
 * A receiving handle of a broadcast {@link Channel}; see there. Used by one task at a time.
 *
 * <pre>{@code
 * Channel<String> ch = Channel.create(64);
 * String msg = ch.receiver().recv();  // LaggedException if this receiver fell behind
 * }</pre>
 *
 * @param <T> the element type
 */
public final class Receiver<T> implements AutoCloseable {
    private final Channel<T> ch;
    /** owner only: the position to read next */
    private long next;
    private boolean closed;

    Receiver(Channel<T> ch, long next) {
        this.ch = ch;
        this.next = next;
    }

    /**
     * Receives the next value, suspending until one is sent. Cancel safe.
     *
     * @return the value, or null once every sender is closed and the retained values are read
     * @throws LaggedException if values were overwritten before this receiver read them; it then
     *     continues from the oldest retained one
     */
    @Suspendable
    public T recv() {
        return Async.await(recvAwaitable());
    }

    /** @return the future {@link #recv()} awaits, for a {@code Select} branch */
    public Awaitable<T> recvAwaitable() {
        return new Receiving();
    }

    /**
     * Receives without waiting.
     *
     * @return a value, or null if none is available (or the channel is closed and drained)
     * @throws LaggedException as {@link #recv()}
     */
    @SuppressWarnings("unchecked")
    public T tryRecv() {
        Object r = take();
        return r == EMPTY ? null : (T) r;
    }

    private static final Object EMPTY = new Object();

    /** @return a value, null if closed and drained, or EMPTY */
    private Object take() {
        if (closed) {
            throw new IllegalStateException("recv on a broadcast Receiver that was closed");
        }
        synchronized (ch) {
            long tail = ch.tail;
            if (next == tail) {
                return ch.closed ? null : EMPTY;
            }
            long oldest = tail - ch.capacity();
            if (next < oldest) {
                long skipped = oldest - next;
                next = oldest;
                throw new LaggedException(skipped);
            }
            Object v = ch.slots[(int) (next & ch.mask)];
            next++;
            return v;
        }
    }

    /**
     * A new receiver that sees the values sent from now on.
     *
     * @return the receiver
     */
    public Receiver<T> resubscribe() {
        synchronized (ch) {
            ch.receivers++;
            return new Receiver<>(ch, ch.tail);
        }
    }

    /** Closes this receiver; once every receiver is closed, sends fail. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            synchronized (ch) {
                ch.receivers--;
            }
        }
    }

    private final class Receiving implements Awaitable<T> {
        private Notify.Notified wait;

        @Override
        @SuppressWarnings("unchecked")
        public Poll<T> poll(Waker waker) {
            while (true) {
                if (wait == null) {
                    wait = ch.notify.notified();
                }
                Object r;
                try {
                    r = take();
                } catch (RuntimeException e) {
                    wait.abandon();
                    wait = null;
                    throw e;
                }
                if (r != EMPTY) {
                    wait.abandon();
                    wait = null;
                    return Poll.ready((T) r);
                }
                if (wait.poll(waker).isPending()) {
                    return Poll.pending();
                }
                wait = null;
            }
        }

        @Override
        public void abandon() {
            if (wait != null) {
                wait.abandon();
                wait = null;
            }
        }
    }
}
