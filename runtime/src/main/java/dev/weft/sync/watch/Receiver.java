package dev.weft.sync.watch;

import dev.weft.Async;
import dev.weft.Suspendable;
import dev.weft.future.Awaitable;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.sync.ChannelClosedException;
import dev.weft.sync.Notify;

/**
 * A receiving handle of a watch {@link Channel}; used by one task at a time.
 *
 * <pre>{@code
 * Channel<String> ch = Channel.create("v1");
 * ch.receiver().changed();            // suspends until a new value is sent
 * }</pre>
 *
 * @param <T> the value type
 */
public final class Receiver<T> implements AutoCloseable {
    private final Channel<T> ch;
    /** owner only: the version this receiver has seen */
    private long seen;
    private boolean closed;

    Receiver(Channel<T> ch, long seen) {
        this.ch = ch;
        this.seen = seen;
    }

    /** @return the current value, without marking it seen */
    public T borrow() {
        synchronized (ch) {
            return ch.value;
        }
    }

    /** @return the current value, marking it seen */
    public T borrowAndUpdate() {
        synchronized (ch) {
            seen = ch.version;
            return ch.value;
        }
    }

    /** @return true if a value newer than the last seen one exists */
    public boolean hasChanged() {
        synchronized (ch) {
            return ch.version != seen;
        }
    }

    /**
     * Waits until a value newer than the last seen one exists and marks it seen. Cancel safe.
     *
     * @throws ChannelClosedException if the sender is closed and no newer value exists
     */
    @Suspendable
    public void changed() {
        Async.await(changedAwaitable());
    }

    /** @return the future {@link #changed()} awaits, for a {@code Select} branch */
    public Awaitable<Void> changedAwaitable() {
        return new Changing();
    }

    /**
     * A new receiver with the same seen version.
     *
     * @return the receiver
     */
    public Receiver<T> copy() {
        synchronized (ch) {
            ch.receivers++;
            return new Receiver<>(ch, seen);
        }
    }

    /** Closes this receiver; with none left, {@code send} fails. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            synchronized (ch) {
                ch.receivers--;
            }
        }
    }

    /** @return 1 changed, 0 unchanged, -1 closed */
    private int check() {
        synchronized (ch) {
            if (ch.version != seen) {
                seen = ch.version;
                return 1;
            }
            return ch.closed ? -1 : 0;
        }
    }

    private final class Changing implements Awaitable<Void> {
        private Notify.Notified wait;

        @Override
        public Poll<Void> poll(Waker waker) {
            while (true) {
                if (wait == null) {
                    wait = ch.notify.notified();
                }
                int c = check();
                if (c != 0) {
                    wait.abandon();
                    wait = null;
                    if (c < 0) {
                        throw new ChannelClosedException("the watch sender was closed");
                    }
                    return Poll.ready(null);
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
