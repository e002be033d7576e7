package dev.weft.internal.time;

import dev.weft.future.Waker;
import dev.weft.internal.sync.SpinLock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The runtime's timers: a {@link TimerWheel} behind a lock, fed with {@link SleepEntry}s and
 * driven by whichever worker parks ({@link #processExpired()} before and after each park, and
 * {@link #nanosUntilNext()} to bound the park).
 *
 * <p>Ticks are milliseconds since the driver started. A deadline is rounded up to the next tick
 * and an entry fires only once the clock has reached that tick, so a sleep never returns early.
 *
 * <h2>Who may call</h2>
 * Any thread; every wheel access holds the lock, and wakers run after it is released.
 */
public final class TimeDriver {
    private static final long NANOS_PER_TICK = 1_000_000L;
    /**
     * The deadline of a sleep that never ends: one past any instant the clock can show. Such a
     * sleep is never put in the wheel; it waits until it is abandoned (its task aborted).
     */
    public static final long NEVER = Long.MAX_VALUE;

    private final ClockSource clock;
    private final long origin;
    private final TimerWheel wheel = new TimerWheel();
    /**
     * Every worker that sleeps registers here, and the driver fires here: short sections taken
     * by several threads, where a {@code ReentrantLock} cost the timers workload about 15 %
     * (bench/RESULTS.md, "Timers behind a spin lock").
     */
    private final SpinLock lock = new SpinLock();
    /** {@link #fire}, made once: a method reference built per registration is an allocation. */
    private final Consumer<TimerEntry> fireEntry = this::fire;
    /** Called when a new earliest deadline is registered, so a parked driver re-computes its timeout. */
    private final Runnable onEarlierDeadline;

    /**
     * @param clock the clock
     * @param onEarlierDeadline wakes the parked driver thread; may be a no-op
     */
    public TimeDriver(ClockSource clock, Runnable onEarlierDeadline) {
        this.clock = clock;
        this.origin = clock.nanoTime();
        this.onEarlierDeadline = onEarlierDeadline;
    }

    /** @return the clock this driver reads */
    public ClockSource clock() {
        return clock;
    }

    long nowTick() {
        return Math.max(0, (clock.nanoTime() - origin) / NANOS_PER_TICK);
    }

    /**
     * @return the tick of {@code deadlineNanos}, rounded up (a sleep never ends early), or
     *     {@link #NEVER} if it is {@code NEVER} or its tick starts beyond {@code Long.MAX_VALUE}
     */
    long deadlineTick(long deadlineNanos) {
        if (deadlineNanos == NEVER) {
            return NEVER;
        }
        long d = deadlineNanos - origin;
        if ((deadlineNanos ^ origin) < 0 && (d ^ deadlineNanos) < 0) {
            // the subtraction overflowed: the deadline is more than 2^63 ns from the origin
            return deadlineNanos > origin ? NEVER : 0;
        }
        if (d <= 0) {
            return 0;
        }
        long partial = d % NANOS_PER_TICK;
        if (partial == 0) {
            return d / NANOS_PER_TICK;
        }
        if (deadlineNanos > Long.MAX_VALUE - (NANOS_PER_TICK - partial)) {
            // rounded up, its tick would start after the last instant any clock can show: no
            // clock reaches it, and a wait computed for it would run past Long.MAX_VALUE
            return NEVER;
        }
        return d / NANOS_PER_TICK + 1;
    }

    /**
     * The deadline {@code nanos} from now on this driver's clock, saturated: a sum past the
     * largest instant is {@link #NEVER}.
     *
     * @param nanos how far ahead, not negative
     * @return the deadline, or {@code NEVER}
     */
    public long deadlineAfter(long nanos) {
        long now = clock.nanoTime();
        long d = now + nanos;
        return ((now ^ d) & (nanos ^ d)) < 0 || d == NEVER ? NEVER : d;
    }

    /**
     * Registers {@code entry} to wake {@code waker} at its deadline, or answers that it has passed.
     *
     * @param entry the sleep
     * @param waker whom to wake
     * @return true if registered (pending), false if the deadline has passed
     */
    boolean register(SleepEntry entry, Waker waker) {
        boolean earlier = false;
        boolean pending = false;
        Waker[] due;
        lock.lock();
        try {
            if (!entry.fired) {
                entry.waker = waker;
                if (entry.isRegistered()) {
                    pending = true;
                } else {
                    // Bring the wheel up to date first: insert refuses deadlines it has passed.
                    wheel.advance(nowTick(), fireEntry);
                    long tick = deadlineTick(entry.deadlineNanos);
                    long before = wheel.nextExpiration();
                    if (tick == NEVER) {
                        pending = true; // kept out of the wheel: only abandon() ends it
                    } else if (wheel.insert(entry, tick)) {
                        pending = true;
                        earlier = tick < before;
                    } else {
                        entry.fired = true;
                        entry.waker = null;
                    }
                }
            }
            due = drainDue();
        } finally {
            lock.unlock();
        }
        wakeAll(due);
        if (earlier) {
            onEarlierDeadline.run();
        }
        return pending;
    }

    /** Wakers of entries fired under the lock; taken under the lock, called after it. */
    private Waker[] drainDue() {
        if (toWake.isEmpty()) {
            return null;
        }
        Waker[] w = toWake.toArray(new Waker[0]);
        toWake.clear();
        return w;
    }

    private static void wakeAll(Waker[] wakers) {
        if (wakers != null) {
            for (Waker w : wakers) {
                w.wake();
            }
        }
    }

    /** Removes {@code entry} if registered; a cancelled sleep leaves nothing in the wheel. */
    void cancel(SleepEntry entry) {
        lock.lock();
        try {
            wheel.cancel(entry);
            entry.waker = null;
        } finally {
            lock.unlock();
        }
    }

    /** Wakers collected by {@link #fire}; guarded by the lock. */
    private final List<Waker> toWake = new ArrayList<>();

    private void fire(TimerEntry e) {
        SleepEntry s = (SleepEntry) e;
        s.fired = true;
        Waker w = s.waker;
        s.waker = null;
        if (w != null) {
            toWake.add(w);
        }
    }

    /**
     * Fires every timer whose deadline has passed and wakes its task.
     *
     * @return how many fired
     */
    public int processExpired() {
        Waker[] due;
        int n;
        lock.lock();
        try {
            n = wheel.advance(nowTick(), fireEntry);
            due = drainDue();
        } finally {
            lock.unlock();
        }
        wakeAll(due);
        return n;
    }

    /**
     * @return nanoseconds until the next timer may fire (0 if one is due), or
     *         {@code Long.MAX_VALUE} if none is registered
     */
    public long nanosUntilNext() {
        lock.lock();
        try {
            long next = wheel.nextExpiration();
            if (next == Long.MAX_VALUE) {
                return Long.MAX_VALUE;
            }
            long at = origin + next * NANOS_PER_TICK;
            return Math.max(0, at - clock.nanoTime());
        } finally {
            lock.unlock();
        }
    }

    /**
     * For a paused clock with every task idle: jumps the clock to the next deadline and fires it,
     * unless the clock is held ({@link PausedClock#held()}: a task awaits an external stage, whose
     * completion wakes it, or a {@code blockOn} root runs): then the clock stays.
     *
     * @return true if there was a timer to jump to and the clock jumped
     */
    public boolean advanceIdleClock() {
        return advanceIdleClock(() -> true);
    }

    /**
     * {@link #advanceIdleClock()}, jumping only if {@code stillIdle}, asked under the clock's
     * monitor just before the jump, confirms that no task has run since the caller found every
     * task idle (a task that ran may have read the clock and set a nearer timer).
     *
     * @param stillIdle the caller's re-check
     * @return true if there was a timer to jump to and the clock jumped
     */
    public boolean advanceIdleClock(BooleanSupplier stillIdle) {
        if (!(clock instanceof PausedClock p)) {
            return false;   // only a paused clock jumps
        }
        long wait = nanosUntilNext();
        if (wait == Long.MAX_VALUE || !p.advanceUnlessHeld(wait, stillIdle)) {
            return false;
        }
        processExpired();
        return true;
    }

    /** @return registered timers */
    public int pending() {
        lock.lock();
        try {
            return wheel.size();
        } finally {
            lock.unlock();
        }
    }
}
