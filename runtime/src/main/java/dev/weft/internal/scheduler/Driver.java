package dev.weft.internal.scheduler;

import dev.weft.internal.io.Reactor;
import dev.weft.internal.time.ClockSource;
import dev.weft.internal.time.TimeDriver;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * The runtime's time and I/O drivers, turned by whichever idle worker gets it first: that worker
 * parks in the selector with a timeout of the next timer deadline, the others park on their
 * {@link Parker}. Busy workers turn it without waiting every few dozen polls, so timers and
 * readiness are served even when no worker idles.
 *
 * <h2>Who may call</h2>
 * {@link #tryAcquire()}, then {@link #park(boolean)} or {@link #turnNow()}, then
 * {@link #release()}: one thread at a time. {@link #wakeup()}: any thread.
 *
 * <p>Not final only so that tests can inject a driver that fails; the runtime makes no
 * subclass.
 */
public class Driver implements AutoCloseable {
    private final Reactor reactor = new Reactor();
    private final TimeDriver time;
    private final AtomicBoolean held = new AtomicBoolean();
    /** The re-check of a single-threaded flavour: nothing else can start a task while it parks. */
    private static final BooleanSupplier STILL_IDLE = () -> true;

    /** @param clock where timers read time */
    public Driver(ClockSource clock) {
        this.time = new TimeDriver(clock, reactor::wakeupNow);
    }

    /** @return the timers */
    public TimeDriver time() {
        return time;
    }

    /** @return the reactor */
    public Reactor reactor() {
        return reactor;
    }

    /** @return true if the caller now turns the driver */
    public boolean tryAcquire() {
        return !held.get() && held.compareAndSet(false, true);
    }

    /** Gives the driver back. */
    public void release() {
        held.set(false);
    }

    /**
     * Waits for readiness or the next timer, then fires what is due. Holder only.
     *
     * @param everyTaskIdle true if no task can run now: a paused clock may then jump forward
     */
    public void park(boolean everyTaskIdle) {
        park(everyTaskIdle, STILL_IDLE);
    }

    /**
     * {@link #park(boolean)}, where a paused clock jumps only if {@code stillIdle}, asked under
     * the clock's monitor right before the jump, confirms that no task has run since
     * {@code everyTaskIdle} was found (a multi-thread runtime, whose other threads may start one).
     *
     * @param everyTaskIdle true if no task can run now
     * @param stillIdle the re-check
     */
    public void park(boolean everyTaskIdle, BooleanSupplier stillIdle) {
        // Due timers make the timeout 0 and fire after the select: every task this park wakes is
        // woken once the wait is over, so a worker that queues them locally never waits with
        // its own work queued.
        long timeout = time.nanosUntilNext();
        // A paused clock jumps only when nothing external is awaited; while it is held, wait below
        // (bounded, in real time) for the external completion to wake a task.
        if (everyTaskIdle && time.clock().isPaused() && timeout != Long.MAX_VALUE && time.advanceIdleClock(stillIdle)) {
            reactor.turn(0);
            return;
        }
        reactor.turn(timeout == Long.MAX_VALUE ? -1 : timeout);
        time.processExpired();
    }

    /** Fires due timers and ready channels without waiting. Holder only. */
    public void turnNow() {
        reactor.turn(0);
        time.processExpired();
    }

    /** Wakes the holder out of {@link #park(boolean)}, or makes its next park return at once. */
    public void wakeup() {
        reactor.wakeupNow();
    }

    @Override
    public void close() {
        try {
            reactor.close();
        } catch (IOException ignored) {
            // closing a selector does not fail in practice
        }
    }
}
