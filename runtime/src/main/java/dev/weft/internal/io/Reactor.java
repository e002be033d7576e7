package dev.weft.internal.io;

import dev.weft.internal.log.ThrottledLog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.Pipe;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.ZoneId;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Readiness events from a {@link Selector} (epoll on Linux) to the tasks that wait for them.
 * One thread at a time {@linkplain #turn(long) turns} the reactor (the worker that parks in it);
 * any thread registers channels and changes interest.
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>New channels are registered by the turning thread (queued, then applied before each
 *       select), so a registration never contends with a select in progress.</li>
 *   <li>Interest changes wake the selector only if a thread is selecting and no wake-up is
 *       already pending: many changes during one select cost one {@code wakeup()}.</li>
 *   <li>{@link #turn} never throws: a failing select is logged at most once per interval, the
 *       turning thread waits a little before the next try (a broken selector costs neither CPU
 *       nor log), and after a few failures in a row the selector is rebuilt.</li>
 *   <li>A selector that returns 0 early without a wake-up {@value #DEFAULT_SPIN_THRESHOLD} times
 *       in a row (the epoll spin Netty works around) is replaced by a new one holding the same
 *       registrations; every channel is then reported ready in both directions, so no edge is
 *       lost in the move.</li>
 *   <li>What the JDK initializes lazily on the first close of a channel (on JDK 17
 *       {@code sun.nio.ch.FileDispatcherImpl}, which opens a socket pair) and the logging path
 *       are initialized when the reactor starts, so they cannot fail later for want of a file
 *       descriptor.</li>
 * </ul>
 */
public final class Reactor implements AutoCloseable {
    /** Early empty selects in a row that count as a spinning selector (Netty uses 512). */
    static final int DEFAULT_SPIN_THRESHOLD = 512;
    private static final int FAILURES_BEFORE_REBUILD = 3;
    private static final long FAILURE_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final System.Logger LOG = System.getLogger("dev.weft.io");
    private static final ThrottledLog SELECT_FAILED = new ThrottledLog(System.getLogger("dev.weft.io"), TimeUnit.SECONDS.toNanos(10));
    private static final ThrottledLog WAKE_FAILED = new ThrottledLog(System.getLogger("dev.weft.io"), TimeUnit.SECONDS.toNanos(10));
    private static final ThrottledLog REBUILT = new ThrottledLog(System.getLogger("dev.weft.io"), TimeUnit.SECONDS.toNanos(60));

    /** How the reactor waits in its selector; replaceable in tests to simulate a spinning epoll. */
    @FunctionalInterface
    interface SelectCall {
        int select(Selector selector, Consumer<SelectionKey> onReady, long timeoutMillis) throws IOException;
    }

    private volatile Selector selector;
    private final SelectCall selectCall;
    /** Called by the selector for each ready key during the select: no selected-key set to fill and empty. */
    private final Consumer<SelectionKey> dispatch = this::dispatch;
    private final int spinThreshold;
    private final ConcurrentLinkedQueue<ScheduledIo> toRegister = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean selecting = new AtomicBoolean();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    /** Counts wake-up requests; a select that returns early with no request since the previous one is a spin. */
    private final AtomicLong wakeRequests = new AtomicLong();
    private long wakeRequestsSeen;
    private volatile boolean closed;
    private int earlyEmptySelects;
    private int failuresInRow;
    private int rebuilds;

    /** Opens the selector. */
    public Reactor() {
        this(Selector::select, Integer.getInteger("weft.io.selectorSpinThreshold", DEFAULT_SPIN_THRESHOLD));
    }

    Reactor(SelectCall selectCall, int spinThreshold) {
        this.selectCall = selectCall;
        this.spinThreshold = spinThreshold;
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector for the Weft reactor", e);
        }
        warmUp(selector);
    }

    /**
     * Runs once what the JDK would otherwise initialize on first use, when descriptors may have
     * run out: closing a channel (registered and not), and the time zone the default log
     * formatter reads. Best effort: a failure here only means the lazy path stays lazy.
     */
    private static void warmUp(Selector selector) {
        try {
            SocketChannel.open().close();
            Pipe pipe = Pipe.open();
            pipe.source().configureBlocking(false);
            pipe.source().register(selector, SelectionKey.OP_READ);
            pipe.source().close();
            pipe.sink().close();
            selector.selectNow();   // deregisters the cancelled key: the close completes now
            ZoneId.systemDefault().getRules();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "warming up the channel close path failed", e);
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

    void deregistered(ScheduledIo io) {
        wakeup(); // let the selector drop the cancelled key now
    }

    /**
     * Wakes the turning thread now, or makes its next select return at once (the selector
     * remembers a wake-up that comes before the select): used to unpark a worker parked here.
     */
    public void wakeupNow() {
        wakeRequests.incrementAndGet();
        selector.wakeup();
    }

    /** Wakes the turning thread if it is selecting; at most one wake-up per select. */
    public void wakeup() {
        if (selecting.get() && wakeupPending.compareAndSet(false, true)) {
            wakeRequests.incrementAndGet();
            selector.wakeup();
        }
    }

    /** @return how many times the selector was replaced (spinning or failing) */
    public int rebuilds() {
        return rebuilds;
    }

    /**
     * Applies pending registrations, waits for readiness up to {@code timeoutNanos}, and wakes the
     * tasks whose channels became ready. One thread at a time. Never throws.
     *
     * @param timeoutNanos the longest wait; 0 polls without waiting; negative waits without limit
     * @return how many channels were ready
     */
    public int turn(long timeoutNanos) {
        if (closed) {
            return 0;
        }
        int n;
        try {
            registerPending();
            n = select(timeoutNanos);
            failuresInRow = 0;
        } catch (IOException | RuntimeException | LinkageError e) {
            selecting.set(false);
            wakeupPending.set(false);
            if (!closed) {
                selectFailed(e, timeoutNanos);
            }
            return 0;
        }
        try {
            registerPending();
        } catch (RuntimeException | LinkageError e) {
            SELECT_FAILED.log(Level.ERROR, "the Weft reactor could not register a channel", e);
        }
        return n;
    }

    private int select(long timeoutNanos) throws IOException {
        Selector s = selector;
        if (timeoutNanos == 0) {
            return s.selectNow(dispatch);
        }
        selecting.set(true);
        int n;
        try {
            if (!toRegister.isEmpty()) {
                n = s.selectNow(dispatch);
            } else {
                long ms = timeoutNanos < 0 ? 0 : Math.max(1, (timeoutNanos + 999_999) / 1_000_000);
                long start = System.nanoTime();
                n = selectCall.select(s, dispatch, ms);
                countSpin(n, ms, System.nanoTime() - start);
            }
        } finally {
            selecting.set(false);
            wakeupPending.set(false);
        }
        return n;
    }

    /** Counts selects that returned nothing before their timeout without a wake-up; rebuilds at the threshold. */
    private void countSpin(int n, long timeoutMillis, long elapsedNanos) {
        long requests = wakeRequests.get();
        boolean woken = requests != wakeRequestsSeen;
        wakeRequestsSeen = requests;
        boolean early = n == 0 && !woken && !Thread.currentThread().isInterrupted()
                && (timeoutMillis == 0 || elapsedNanos < TimeUnit.MILLISECONDS.toNanos(timeoutMillis));
        if (!early) {
            earlyEmptySelects = 0;
            return;
        }
        if (++earlyEmptySelects >= spinThreshold) {
            REBUILT.log(Level.WARNING, "the Weft reactor's selector returned early " + earlyEmptySelects
                    + " times in a row without a wake-up (epoll spin): rebuilt it", null);
            earlyEmptySelects = 0;
            rebuild();
        }
    }

    private void selectFailed(Throwable e, long timeoutNanos) {
        SELECT_FAILED.log(Level.ERROR, "the Weft reactor's selector failed; retrying", e);
        if (++failuresInRow >= FAILURES_BEFORE_REBUILD) {
            failuresInRow = 0;
            try {
                rebuild();
            } catch (RuntimeException | LinkageError again) {
                SELECT_FAILED.log(Level.ERROR, "the Weft reactor could not rebuild its selector", again);
            }
        }
        if (timeoutNanos != 0) {
            // not a spin: wake-ups go to the selector, so this pause is the cost of the failure
            LockSupport.parkNanos(timeoutNanos < 0 ? FAILURE_PAUSE_NANOS : Math.min(timeoutNanos, FAILURE_PAUSE_NANOS));
        }
    }

    /**
     * One ready key, inside the select: records readiness and wakes its waiters. A failure here
     * is the wake's, not the selector's, so it is logged (throttled) and the other keys go on.
     */
    private void dispatch(SelectionKey k) {
        ScheduledIo io = (ScheduledIo) k.attachment();
        int ready;
        try {
            ready = k.readyOps();
        } catch (CancelledKeyException closedMeanwhile) {
            return;
        }
        try {
            io.onReady(ready);
        } catch (RuntimeException e) {
            WAKE_FAILED.log(Level.ERROR, "the Weft reactor could not wake the tasks waiting for " + io.what(), e);
        }
    }

    /**
     * Moves every registration to a new selector, keeping each key's interest, then reports every
     * channel ready in both directions (its waiters retry, and wait again if nothing is there).
     * Turning thread only. If a new selector cannot be opened, the old one stays.
     */
    void rebuild() {
        Selector old = selector;
        Selector fresh;
        try {
            fresh = Selector.open();
        } catch (IOException e) {
            SELECT_FAILED.log(Level.ERROR, "the Weft reactor could not open a new selector", e);
            return;
        }
        java.util.List<ScheduledIo> moved = new java.util.ArrayList<>();
        for (SelectionKey k : old.keys()) {
            ScheduledIo io = (ScheduledIo) k.attachment();
            if (io == null) {
                continue;
            }
            synchronized (io) {     // interest changes are made under this lock
                try {
                    int ops = k.interestOps();
                    k.cancel();
                    io.key = io.channel().register(fresh, ops, io);
                    moved.add(io);
                } catch (CancelledKeyException | ClosedChannelException closedMeanwhile) {
                    // closed: nothing to move
                }
            }
        }
        selector = fresh;
        rebuilds++;
        try {
            old.close();
        } catch (IOException ignored) {
            // the old selector is dropped either way
        }
        for (ScheduledIo io : moved) {
            io.onReady(Interest.READ.ops() | Interest.WRITE.ops());
        }
    }

    private void registerPending() {
        ScheduledIo io;
        while ((io = toRegister.poll()) != null) {
            if (io.isClosed()) {
                continue;
            }
            synchronized (io) {
                try {
                    io.key = io.channel().register(selector, io.waitingOpsLocked(), io);
                } catch (ClosedChannelException closedMeanwhile) {
                    // closed before it was registered
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        selector.close();
    }
}
