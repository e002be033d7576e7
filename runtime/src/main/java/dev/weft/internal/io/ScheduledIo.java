package dev.weft.internal.io;

import dev.weft.future.Awaitable;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;

/**
 * One channel registered with the {@link Reactor}: its cached readiness per direction, the tasks
 * waiting in each direction. The I/O loop every socket type runs on it
 * ({@code dev.weft.internal.net.IoLoop}) sits above the runtime's API, since it awaits; this class
 * is the reactor's side and is used by the scheduler's driver.
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li><b>Readiness word with a tick.</b> {@code readiness} holds one bit per direction and, above
 *       them, a tick the reactor increments on every report. A task snapshots the word before an
 *       attempt and clears its bit only if the tick is unchanged, so a report that arrived
 *       during the attempt (a new edge) is never erased by a stale "would block".</li>
 *   <li><b>Waiters.</b> Any number of tasks may wait in one direction; a report wakes all of
 *       them (each retries; those that find nothing wait again). A waiter is queued under this
 *       object's lock and re-checks readiness after queueing, and the reactor sets readiness
 *       before it takes the queue under the same lock, so a report between the check and the
 *       queueing is never lost.</li>
 *   <li><b>Interest.</b> Read interest stays on the key while tasks wait and across wake-ups, so
 *       a read that waits costs no {@code epoll_ctl}. A level-triggered selector reports a
 *       readable socket at every select until it is read, so the word also counts read reports
 *       in a row that found the read bit still set (nobody has read since); at
 *       {@value #STALE_REPORTS_BEFORE_DROP} with nobody waiting the reactor drops read interest. A
 *       socket nobody reads costs a few reports; a task that was woken but has not run yet keeps
 *       the interest. Write interest is one-shot: writes rarely wait. Every interest change is
 *       made under this object's lock, so a removal can never hide a waiter queued after it.</li>
 *   <li>After {@link #close()}, every waiter is woken and every operation fails with an
 *       {@link IOException} naming the channel.</li>
 * </ul>
 */
public final class ScheduledIo {
    // readiness word: bits 0-1 READ, WRITE ready; bits 2-3 read reports in a row that found the
    // read bit still set (saturating at 3); the tick above
    private static final int BITS = 3;
    private static final int STALE_SHIFT = 2;
    private static final int STALE = 3 << STALE_SHIFT;
    private static final int TICK = 16;
    /** Read reports in a row found unconsumed, with nobody waiting, after which read interest is dropped. */
    private static final int STALE_REPORTS_BEFORE_DROP = 2;
    private static final VarHandle READINESS;

    static {
        try {
            READINESS = MethodHandles.lookup().findVarHandle(ScheduledIo.class, "readiness", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Reactor reactor;
    private final SelectableChannel channel;
    private final String what;
    /** Set by the turning thread under this object's lock. */
    volatile SelectionKey key;
    /** Unknown at first: both directions are treated as possibly ready, the first attempt finds out. */
    private volatile int readiness = Interest.READ.bit() | Interest.WRITE.bit();
    private volatile boolean closed;
    // heads of the waiter lists, guarded by this
    private Waiter readers;
    private Waiter writers;

    ScheduledIo(Reactor reactor, SelectableChannel channel, String what) {
        this.reactor = reactor;
        this.channel = channel;
        this.what = what;
    }

    /** @return the channel */
    public SelectableChannel channel() {
        return channel;
    }

    /** @return how messages name the channel, e.g. "TcpStream /127.0.0.1:80 -> /127.0.0.1:5000" */
    public String what() {
        return what;
    }

    /** @return the readiness word now: a snapshot to test with {@link #isReady} and to clear with */
    public int readiness() {
        return readiness;
    }

    /**
     * @param snapshot a readiness word
     * @param dir a direction
     * @return true if {@code snapshot} says {@code dir} is ready
     */
    public static boolean isReady(int snapshot, Interest dir) {
        return (snapshot & dir.bit()) != 0;
    }

    /**
     * @param dir a direction
     * @return a wait that is ready once {@code dir} is ready or the channel closed; a fresh one
     *     per wait (it queues itself when polled pending)
     */
    public Awaitable<Void> whenReady(Interest dir) {
        return new Waiter(dir);
    }

    /**
     * Clears {@code dir}'s bit unless the reactor reported anything since {@code snapshot}: an
     * attempt that would block forgets readiness only if no new edge arrived meanwhile.
     *
     * @param dir the direction the attempt found not ready
     * @param snapshot the word read before the attempt
     */
    public void clearReadiness(Interest dir, int snapshot) {
        while (true) {
            int cur = readiness;
            if ((cur & -TICK) != (snapshot & -TICK) || (cur & dir.bit()) == 0) {
                return;     // a newer report, or already clear
            }
            if (READINESS.compareAndSet(this, cur, cur & ~dir.bit())) {
                return;
            }
        }
    }

    private boolean isReady(Interest dir) {
        return isReady(readiness, dir);
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

    /**
     * @param dir a direction
     * @return how many tasks wait in {@code dir} now (for diagnostics and tests)
     */
    public synchronized int waiters(Interest dir) {
        int n = 0;
        for (Waiter w = dir == Interest.READ ? readers : writers; w != null; w = w.next) {
            n++;
        }
        return n;
    }

    /**
     * Turning thread: records the ops the selector reported and wakes the waiters of each
     * direction reported; drops read interest nobody waits for once reports keep finding it
     * unconsumed, and write interest always.
     */
    void onReady(int readyOps) {
        int bits = ((readyOps & Interest.READ.ops()) != 0 ? Interest.READ.bit() : 0)
                | ((readyOps & Interest.WRITE.ops()) != 0 ? Interest.WRITE.bit() : 0);
        if (bits == 0) {
            return;
        }
        int cur;
        int stale;
        do {
            cur = readiness;
            // a read report that finds the read bit still set: nobody consumed the previous one yet
            stale = (bits & Interest.READ.bit()) == 0 ? (cur & STALE) >>> STALE_SHIFT
                    : (cur & Interest.READ.bit()) != 0 ? Math.min(3, ((cur & STALE) >>> STALE_SHIFT) + 1) : 0;
        } while (!READINESS.compareAndSet(this, cur,
                ((cur & -TICK) + TICK) | (stale << STALE_SHIFT) | (cur & BITS) | bits));
        Waiter woken = null;
        Waiter woken2 = null;
        synchronized (this) {
            if ((bits & Interest.READ.bit()) != 0) {
                woken = readers;
                readers = null;
                if (woken == null && stale >= STALE_REPORTS_BEFORE_DROP) {
                    removeInterest(Interest.READ.ops());
                }
            }
            if ((bits & Interest.WRITE.bit()) != 0) {
                woken2 = writers;
                writers = null;
                removeInterest(Interest.WRITE.ops());
            }
        }
        wakeAll(woken);
        wakeAll(woken2);
    }

    private void removeInterest(int ops) {
        SelectionKey k = key;
        if (k != null) {
            try {
                k.interestOpsAnd(~ops);
            } catch (CancelledKeyException closedMeanwhile) {
                // nothing left to remove
            }
        }
    }

    /** @return the ops the current waiters need; under this object's lock */
    int waitingOpsLocked() {
        int valid = channel.validOps();
        return (readers != null ? Interest.READ.opsFor(valid) : 0) | (writers != null ? Interest.WRITE.opsFor(valid) : 0);
    }

    /** Wakes a chain taken off a list under the lock; runs outside it. */
    private static void wakeAll(Waiter w) {
        while (w != null) {
            Waiter next = w.next;
            w.next = null;
            w.queued = false;
            Waker k = w.waker;
            if (k != null) {
                k.wake();
            }
            w = next;
        }
    }

    /** Closes the channel, deregisters it, and wakes every waiting task, whose operation then fails. */
    public void close() {
        closed = true;
        try {
            channel.close();   // also cancels the key
        } catch (IOException ignored) {
            // closing a socket channel only fails if already closed
        }
        reactor.deregistered(this);
        Waiter r;
        Waiter w;
        synchronized (this) {
            r = readers;
            w = writers;
            readers = null;
            writers = null;
        }
        wakeAll(r);
        wakeAll(w);
    }

    /** One task's wait for one direction: ready when the direction is ready or the channel closed. */
    private final class Waiter implements Awaitable<Void> {
        private final Interest dir;
        volatile Waker waker;
        /** Linked under ScheduledIo.this; a chain taken by the reactor is walked outside it. */
        Waiter next;
        /**
         * True from queueing until the reactor has woken this waiter or it unlinked itself. While
         * true, no one but the reactor (or abandon(), under the lock, on the live list) touches
         * {@code next}; the reactor reads and clears {@code next} before this volatile write.
         */
        volatile boolean queued;

        Waiter(Interest dir) {
            this.dir = dir;
        }

        @Override
        public Poll<Void> poll(Waker w) {
            if (closed || isReady(dir)) {
                abandon();
                return Poll.ready(null);
            }
            waker = w;
            boolean wake = false;
            synchronized (ScheduledIo.this) {
                if (!queued) {
                    queued = true;
                    if (dir == Interest.READ) {
                        next = readers;
                        readers = this;
                    } else {
                        next = writers;
                        writers = this;
                    }
                }
                SelectionKey k = key;
                int ops = dir.opsFor(channel.validOps());
                if (k != null) {
                    try {
                        if ((k.interestOps() & ops) != ops) {
                            k.interestOpsOr(ops);
                            wake = true;
                        }
                    } catch (CancelledKeyException closedMeanwhile) {
                        // close() wakes this waiter
                    }
                }
            }
            if (wake) {
                reactor.wakeup();
            }
            if (closed || isReady(dir)) {
                abandon();
                return Poll.ready(null);
            }
            return Poll.pending();
        }

        /** Leaves the queue (a cancelled wait, or one that found readiness itself). */
        @Override
        public void abandon() {
            if (!queued) {
                return;     // never queued, or already woken: no lock needed
            }
            synchronized (ScheduledIo.this) {
                if (!queued) {
                    return;
                }
                Waiter prev = null;
                Waiter cur = dir == Interest.READ ? readers : writers;
                while (cur != null && cur != this) {
                    prev = cur;
                    cur = cur.next;
                }
                if (cur == null) {
                    return;     // in a chain the reactor is waking now: it clears queued
                }
                queued = false;
                if (prev != null) {
                    prev.next = next;
                } else if (dir == Interest.READ) {
                    readers = next;
                } else {
                    writers = next;
                }
                next = null;
            }
        }
    }
}
