package dev.weft.internal.io;

import dev.weft.future.Awaitable;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;

/**
 * One channel registered with the {@link Reactor}: its readiness per direction and the task
 * waiting in each direction (one reader and one writer at a time, so the halves of a split
 * stream can be used from two tasks).
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>Readiness is set by the reactor when the selector reports it, and cleared by the task
 *       when an operation would block; a task waits only after it cleared readiness, and
 *       re-checks after storing its waker, so a readiness event between the two is never lost.</li>
 *   <li>Interest is one-shot: the reactor removes the ops it reported from the key; a waiting
 *       task adds its direction's ops back. A cancelled wait removes its waker and interest.</li>
 *   <li>After {@link #close()}, waiting tasks are woken and every wait fails with a message that
 *       says the channel was closed.</li>
 * </ul>
 */
public final class ScheduledIo {
    private final Reactor reactor;
    private final SelectableChannel channel;
    private final String what;
    volatile SelectionKey key;
    private volatile boolean readReady;
    private volatile boolean writeReady;
    private volatile Waker reader;
    private volatile Waker writer;
    private volatile boolean closed;

    ScheduledIo(Reactor reactor, SelectableChannel channel, String what) {
        this.reactor = reactor;
        this.channel = channel;
        this.what = what;
    }

    /** @return the channel */
    public SelectableChannel channel() {
        return channel;
    }

    /**
     * Records that an operation in {@code dir} would block; the next wait really waits.
     *
     * @param dir the direction that would block
     */
    public void clearReadiness(Interest dir) {
        if (dir == Interest.READ) {
            readReady = false;
        } else {
            writeReady = false;
        }
    }

    /**
     * @param dir the direction
     * @return a future ready when the channel may be ready in {@code dir}
     */
    public Awaitable<Void> ready(Interest dir) {
        return new Readiness(dir);
    }

    /** @return true once {@link #close()} ran */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Fails fast if closed.
     *
     * @throws IOException naming the channel
     */
    public void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException(what + " is closed");
        }
    }

    /** Called by the reactor thread with the ops the selector reported. */
    void onReady(int readyOps) {
        if ((readyOps & Interest.READ.ops()) != 0) {
            readReady = true;
            wake(reader);
        }
        if ((readyOps & Interest.WRITE.ops()) != 0) {
            writeReady = true;
            wake(writer);
        }
    }

    private static void wake(Waker w) {
        if (w != null) {
            w.wake();
        }
    }

    /** Closes the channel, deregisters it, and wakes every waiting task with an error. */
    public void close() {
        closed = true;
        try {
            channel.close();   // also cancels the key
        } catch (IOException ignored) {
            // closing a socket channel only fails if already closed
        }
        reactor.deregistered(this);
        wake(reader);
        wake(writer);
    }

    /** The wait for one direction. */
    private final class Readiness implements Awaitable<Void> {
        private final Interest dir;

        Readiness(Interest dir) {
            this.dir = dir;
        }

        private boolean isReady() {
            return dir == Interest.READ ? readReady : writeReady;
        }

        @Override
        public Poll<Void> poll(Waker waker) {
            if (closed || isReady()) {
                clearWaiter();
                return Poll.ready(null);
            }
            if (dir == Interest.READ) {
                reader = waker;
            } else {
                writer = waker;
            }
            reactor.addInterest(ScheduledIo.this, dir.opsFor(channel.validOps()));
            if (closed || isReady()) {
                clearWaiter();
                return Poll.ready(null);
            }
            return Poll.pending();
        }

        private void clearWaiter() {
            if (dir == Interest.READ) {
                reader = null;
            } else {
                writer = null;
            }
        }

        @Override
        public void abandon() {
            clearWaiter();
            reactor.removeInterest(ScheduledIo.this, dir.opsFor(channel.validOps()));
        }
    }
}
