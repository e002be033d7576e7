package dev.weft.internal.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Readiness events from a {@link Selector} (epoll on Linux) to the tasks that wait for them.
 * One thread at a time {@linkplain #turn(long) turns} the reactor (the worker that parks in it);
 * any thread registers channels and changes interest.
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>New channels are registered by the turning thread (queued, then applied before each
 *       select), so a registration never contends with a select in progress.</li>
 *   <li>Interest changes go through {@link SelectionKey#interestOpsOr}, which is thread-safe, and
 *       wake the selector only if a thread is selecting and no wake-up is already pending: many
 *       changes during one select cost one {@code wakeup()} (batching).</li>
 * </ul>
 */
public final class Reactor implements AutoCloseable {
    private final Selector selector;
    private final ConcurrentLinkedQueue<ScheduledIo> toRegister = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean selecting = new AtomicBoolean();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();

    /** Opens the selector. */
    public Reactor() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector for the Weft reactor", e);
        }
    }

    /**
     * Registers a channel (made non-blocking).
     *
     * @param channel the channel
     * @param what how messages name it, e.g. "TcpStream /127.0.0.1:80"
     * @return its readiness state
     * @throws IOException if the channel cannot be made non-blocking
     */
    public ScheduledIo register(SelectableChannel channel, String what) throws IOException {
        channel.configureBlocking(false);
        ScheduledIo io = new ScheduledIo(this, channel, what);
        toRegister.add(io);
        wakeup();
        return io;
    }

    void addInterest(ScheduledIo io, int ops) {
        SelectionKey k = io.key;
        if (k == null) {
            wakeup(); // registration pending: it will pick the interest up from the waiters
            return;
        }
        try {
            if ((k.interestOps() & ops) != ops) {
                k.interestOpsOr(ops);
                wakeup();
            }
        } catch (CancelledKeyException closed) {
            // the channel was closed: the waiter sees it through ScheduledIo.isClosed
        }
    }

    void removeInterest(ScheduledIo io, int ops) {
        SelectionKey k = io.key;
        if (k != null) {
            try {
                k.interestOpsAnd(~ops);
            } catch (CancelledKeyException closed) {
                // nothing to remove
            }
        }
    }

    void deregistered(ScheduledIo io) {
        wakeup(); // let the selector drop the cancelled key now
    }

    /**
     * Wakes the turning thread now, or makes its next select return at once (the selector
     * remembers a wake-up that comes before the select): used to unpark a worker parked here.
     */
    public void wakeupNow() {
        selector.wakeup();
    }

    /** Wakes the turning thread if it is selecting; at most one wake-up per select. */
    public void wakeup() {
        if (selecting.get() && wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    /**
     * Applies pending registrations, waits for readiness up to {@code timeoutNanos}, and wakes the
     * tasks whose channels became ready. One thread at a time.
     *
     * @param timeoutNanos the longest wait; 0 polls without waiting; negative waits without limit
     * @return how many channels were ready
     */
    public int turn(long timeoutNanos) {
        registerPending();
        int n;
        try {
            if (timeoutNanos == 0) {
                n = selector.selectNow();
            } else {
                selecting.set(true);
                if (!toRegister.isEmpty()) {
                    n = selector.selectNow();
                } else {
                    long ms = timeoutNanos < 0 ? 0 : Math.max(1, (timeoutNanos + 999_999) / 1_000_000);
                    n = selector.select(ms);
                }
                selecting.set(false);
                wakeupPending.set(false);
            }
        } catch (IOException e) {
            selecting.set(false);
            throw new UncheckedIOException("the Weft reactor's selector failed", e);
        }
        if (n > 0) {
            Iterator<SelectionKey> it = selector.selectedKeys().iterator();
            while (it.hasNext()) {
                SelectionKey k = it.next();
                it.remove();
                ScheduledIo io = (ScheduledIo) k.attachment();
                int ready;
                try {
                    ready = k.readyOps();
                    k.interestOpsAnd(~ready); // one-shot: a waiter asks again
                } catch (CancelledKeyException closed) {
                    continue;
                }
                io.onReady(ready);
            }
        }
        registerPending();
        return n;
    }

    private void registerPending() {
        ScheduledIo io;
        while ((io = toRegister.poll()) != null) {
            if (io.isClosed()) {
                continue;
            }
            try {
                io.key = io.channel().register(selector, 0, io);
                // readiness is unknown at registration: treat both directions as possibly ready,
                // the first operation finds out (it clears readiness if it would block)
                io.onReady(Interest.READ.ops() | Interest.WRITE.ops());
            } catch (ClosedChannelException closed) {
                // closed before it was registered
            }
        }
    }

    @Override
    public void close() throws IOException {
        selector.close();
    }
}
