package dev.weft.internal.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Poll;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link TimeDriver} against a reference model, on a {@link PausedClock}. (The wheel's own
 * placement and cascading are {@link TimerWheelTest}'s; this is the driver's level: sleeps
 * polled through {@link SleepEntry}, re-polls that replace the waker, abandons, the lock, the
 * wake callback, {@link TimeDriver#nanosUntilNext()} and {@link TimeDriver#advanceIdleClock()}.)
 *
 * <p>Random operations (seeded; every failure names its seed, and {@code -Dweft.time.seed=N}
 * replays one; {@code -Dweft.time.seeds=N} runs N seeds instead of 40) register sleeps (due, near,
 * seconds ahead, beyond the wheel's 2^36 ms block,
 * a few blocks ahead, within seconds of {@code Long.MAX_VALUE} (a deadline in its last partial
 * tick keeps no timer, as the driver documents; the idle jump towards the last millisecond is
 * {@link #idleJumpsTowardsTheLastMillisecondNeverWrapTheClock()}'s), far in the past,
 * {@link TimeDriver#NEVER}), re-poll, abandon,
 * advance the clock with or without processing, and jump it as an idle runtime does. The model
 * is a plain list of sleeps with the driver's documented rounding: a deadline's tick is rounded
 * up to the next millisecond since the driver started, and a sleep fires once the clock's tick
 * has reached it. After every operation:
 * <ul>
 *   <li>a poll is ready at once exactly when the clock has reached the deadline;</li>
 *   <li>where the driver processes (each processing call, and a first registration, which
 *       brings the wheel up to date), exactly the due sleeps fire, each once, through the waker
 *       of its latest poll, never before the clock reached its deadline, in tick order;
 *       abandoned and re-poll-completed sleeps never fire; nothing fires anywhere else;</li>
 *   <li>the next-deadline answer never oversleeps the earliest pending sleep, is
 *       {@code Long.MAX_VALUE} exactly when no sleep is in the wheel, and after processing is
 *       positive (a due answer with nothing to fire spins the idle driver);</li>
 *   <li>the wake callback runs exactly when a registration is earlier than what a driver
 *       parked on the previous answer would wait for (checked where the wheel was up to date
 *       before the registration; elsewhere at most once);</li>
 *   <li>an idle jump reaches the next firing in a bounded number of jumps.</li>
 * </ul>
 * A second test registers sleeps from several threads while a driver thread jumps the clock and
 * parks when no timer is left, woken only by the callback: each sleeper waits for its own sleep
 * to fire, so a lost callback hangs it (the JUnit timeout is a hang guard).
 */
class TimeDriverModelTest {
    private static final long MS = 1_000_000L;
    /** The wheel's span in nanoseconds: deadlines further than this from now are in its overflow list. */
    private static final long BLOCK_NANOS = TimerWheel.BLOCK * MS;
    private static final int SEEDS = Integer.getInteger("weft.time.seeds", 40);
    private static final int OPS = 400;
    private static final int MAX_IDLE_JUMPS = 12;

    private enum Status { PENDING, FIRED, ABANDONED, READY_AT_POLL }

    private static final class Sleep {
        final int id;
        final long deadline;
        final long tick;
        final SleepEntry entry;
        Status status = Status.PENDING;
        /** which poll's waker is the live one */
        int generation;

        Sleep(int id, long deadline, long tick, SleepEntry entry) {
            this.id = id;
            this.deadline = deadline;
            this.tick = tick;
            this.entry = entry;
        }

        @Override
        public String toString() {
            return "sleep#" + id + "(deadline " + deadline + ", tick " + tick + ", " + status + ")";
        }
    }

    private record Wake(Sleep sleep, int generation, long clockAtWake) { }

    /** One seeded run of the model. */
    private static final class Run {
        final long seed;
        final Random rnd;
        final PausedClock clock = new PausedClock();
        final AtomicInteger callbacks = new AtomicInteger();
        final TimeDriver driver = new TimeDriver(clock, callbacks::incrementAndGet);
        final long origin = clock.nanoTime();
        final List<Sleep> sleeps = new ArrayList<>();
        final List<Wake> wakes = new ArrayList<>();
        /** true while the wheel has been processed at the clock's current value */
        boolean upToDate = true;
        final StringBuilder trace = new StringBuilder();

        Run(long seed) {
            this.seed = seed;
            this.rnd = new Random(seed);
        }

        AssertionError fail(String what) {
            int from = Math.max(0, trace.length() - 1500);
            return new AssertionError("seed=" + seed + " (replay with -Dweft.time.seed=" + seed + "): " + what
                    + "\nlast operations:\n" + trace.substring(from));
        }

        void check(boolean ok, String what) {
            if (!ok) {
                throw fail(what);
            }
        }

        long now() {
            return clock.nanoTime();
        }

        long nowTick() {
            return (now() - origin) / MS;
        }

        /** The driver's documented rounding, in exact arithmetic. */
        long tickOf(long deadline) {
            if (deadline == TimeDriver.NEVER) {
                return TimeDriver.NEVER;
            }
            if (deadline <= origin) {
                return 0;
            }
            long d = deadline - origin; // no overflow: origin > 0 and deadline > origin
            long tick = d / MS + (d % MS == 0 ? 0 : 1);
            // a deadline in the last partial tick before Long.MAX_VALUE (a sleep a few seconds
            // ahead of a clock near the end of time lands there): its tick would start past the
            // end, so the driver keeps no timer for it (the sleep is ready only at its deadline)
            return reachable(tick) ? tick : TimeDriver.NEVER;
        }

        /** Nanoseconds from now until {@code tick} starts, saturated at Long.MAX_VALUE. */
        long waitUntil(long tick) {
            if (tick > (Long.MAX_VALUE - origin) / MS) {
                return Long.MAX_VALUE;
            }
            long at = origin + tick * MS;
            return Math.max(0, at - now());
        }

        /** Whether the clock can still reach {@code tick}. */
        boolean reachable(long tick) {
            return tick <= (Long.MAX_VALUE - origin) / MS;
        }

        long ahead(long nanos) {
            return nanos > Long.MAX_VALUE - now() ? TimeDriver.NEVER : now() + nanos;
        }

        long pickDeadline() {
            int k = rnd.nextInt(100);
            long now = now();
            if (k < 30) {
                return ahead((long) (rnd.nextDouble() * 50 * MS)); // within 50 ms, off the tick grid
            } else if (k < 45) {
                return ahead((long) (rnd.nextDouble() * 5_000 * MS));
            } else if (k < 55) {
                return now - (long) (rnd.nextDouble() * 10 * MS); // due now or already past
            } else if (k < 65) {
                return ahead(BLOCK_NANOS + (long) (rnd.nextDouble() * BLOCK_NANOS)); // the overflow list
            } else if (k < 72) {
                return ahead((long) (rnd.nextDouble() * 4 * BLOCK_NANOS));
            } else if (k < 79) {
                // tick-aligned, so that a deadline and a later clock advance meet exactly
                return ahead(MS * (1 + rnd.nextInt(200)) - (now - origin) % MS);
            } else if (k < 85) {
                return Long.MAX_VALUE - MS - 1 - (long) (rnd.nextDouble() * 5_000 * MS); // near the end of time
            } else if (k < 88) {
                return Long.MIN_VALUE + rnd.nextInt(1000); // far in the past (the subtraction overflows)
            } else if (k < 92) {
                return TimeDriver.NEVER;
            } else {
                return ahead((long) (rnd.nextDouble() * 3 * MS));
            }
        }

        void register() {
            long deadline = pickDeadline();
            long tick = tickOf(deadline);
            int id = sleeps.size();
            Sleep s = new Sleep(id, deadline, tick, new SleepEntry(driver, deadline));
            sleeps.add(s);
            trace.append("register ").append(s).append(" at ").append(now()).append('\n');
            boolean wasUpToDate = upToDate;
            long waitBefore = driver.nanosUntilNext();
            int callbacksBefore = callbacks.get();
            Poll<Void> p = s.entry.poll(waker(s));
            boolean ready = deadline != TimeDriver.NEVER && deadline <= now();
            check(p.isReady() == ready, s + " polled at " + now() + ": " + (p.isReady() ? "ready" : "pending"));
            int delta = callbacks.get() - callbacksBefore;
            if (ready) {
                s.status = Status.READY_AT_POLL;
                long now = now();
                if ((now ^ deadline) < 0 && ((now - deadline) ^ now) < 0) {
                    // so far past that now - deadline overflows: the poll registers and is refused,
                    // bringing the wheel up to date on the way
                    processed("registering " + s);
                } else {
                    expectNoWakes("a poll that was ready at once");
                }
                check(delta == 0, "a ready poll ran the wake callback");
                return;
            }
            // A first pending poll registers, which brings the wheel up to date: a processing point.
            processed("registering " + s);
            if (tick == TimeDriver.NEVER) {
                check(delta == 0, "a sleep that never ends ran the wake callback");
            } else if (wasUpToDate) {
                boolean earlier = waitUntil(tick) < waitBefore;
                check(delta == (earlier ? 1 : 0), "wake callback ran " + delta + "x registering " + s
                        + " (wait " + waitUntil(tick) + " ns) while the driver's next wait was " + waitBefore + " ns");
            } else {
                check(delta <= 1, "wake callback ran " + delta + "x for one registration");
            }
        }

        dev.weft.future.Waker waker(Sleep s) {
            int gen = ++s.generation;
            return () -> wakes.add(new Wake(s, gen, clock.nanoTime()));
        }

        void repoll() {
            Sleep s = randomSleep();
            if (s == null || s.status == Status.ABANDONED) {
                return; // the runtime never polls an abandoned future again
            }
            trace.append("repoll ").append(s).append(" at ").append(now()).append('\n');
            Poll<Void> p = s.entry.poll(waker(s));
            switch (s.status) {
                case PENDING -> {
                    boolean ready = s.deadline != TimeDriver.NEVER && s.deadline <= now();
                    check(p.isReady() == ready, "re-poll of " + s + " at " + now());
                    if (ready) {
                        s.status = Status.READY_AT_POLL; // the poll took it out of the wheel
                        expectNoWakes("a re-poll that was ready");
                    } else if (s.tick == TimeDriver.NEVER) {
                        processed("re-polling " + s); // never in the wheel: registers afresh
                    } else {
                        expectNoWakes("a re-poll of a registered sleep");
                    }
                }
                case FIRED, READY_AT_POLL -> {
                    check(p.isReady(), "re-poll of " + s + " is pending");
                    expectNoWakes("a re-poll of a finished sleep");
                }
                default -> throw new AssertionError();
            }
        }

        void abandon() {
            Sleep s = randomSleep();
            if (s == null) {
                return;
            }
            trace.append("abandon ").append(s).append('\n');
            s.entry.abandon();
            if (s.status == Status.PENDING) {
                s.status = Status.ABANDONED;
            }
            expectNoWakes("an abandon");
        }

        void advance() {
            int k = rnd.nextInt(100);
            long d;
            if (k < 10) {
                d = 0;
            } else if (k < 45) {
                d = (long) (rnd.nextDouble() * 3 * MS);
            } else if (k < 75) {
                d = (long) (rnd.nextDouble() * 100 * MS);
            } else if (k < 90) {
                d = (long) (rnd.nextDouble() * 10_000 * MS);
            } else if (k < 98) {
                d = (long) (rnd.nextDouble() * 2 * BLOCK_NANOS);
            } else {
                // towards the end of time, where deadlines near Long.MAX_VALUE come due
                d = (long) (rnd.nextDouble() * (Long.MAX_VALUE - now()));
            }
            d = Math.min(d, Long.MAX_VALUE - now());
            clock.advance(d);
            if (d != 0) {
                upToDate = false;
            }
            boolean process = rnd.nextInt(10) < 7;
            trace.append("advance ").append(d).append(" to ").append(now()).append(process ? " and process" : "").append('\n');
            if (process) {
                int n = driver.processExpired();
                int fired = processed("processExpired");
                check(n == fired, "processExpired answered " + n + " but " + fired + " fired");
            } else {
                expectNoWakes("moving the clock");
            }
        }

        /** What an idle runtime does: jump to the next deadline, until something fires. */
        void idleJump() {
            trace.append("idle jumps from ").append(now()).append('\n');
            for (int jump = 0; jump < MAX_IDLE_JUMPS; jump++) {
                long wait = driver.nanosUntilNext();
                if (wait == Long.MAX_VALUE) {
                    check(inWheel() == 0, "nanosUntilNext says no timer while " + inWheel() + " are in the wheel");
                    return;
                }
                if (wait > Long.MAX_VALUE - now()) {
                    return; // the next step is past the end of time
                }
                boolean jumped = driver.advanceIdleClock();
                check(jumped, "advanceIdleClock did not jump although the next wait is " + wait);
                upToDate = true;
                trace.append("  jumped ").append(wait).append(" to ").append(now()).append('\n');
                if (processed("advanceIdleClock") > 0) {
                    return;
                }
            }
            // every jump lands on a slot boundary at least one level lower, or on a new block
            Sleep earliest = earliestPending();
            check(earliest == null || !reachable(earliest.tick),
                    MAX_IDLE_JUMPS + " idle jumps fired nothing; earliest pending " + earliest + ", now " + now());
        }

        Sleep earliestPending() {
            Sleep best = null;
            for (Sleep s : sleeps) {
                if (s.status == Status.PENDING && s.tick != TimeDriver.NEVER && (best == null || s.tick < best.tick)) {
                    best = s;
                }
            }
            return best;
        }

        int inWheel() {
            int n = 0;
            for (Sleep s : sleeps) {
                if (s.status == Status.PENDING && s.tick != TimeDriver.NEVER) {
                    n++;
                }
            }
            return n;
        }

        Sleep randomSleep() {
            return sleeps.isEmpty() ? null : sleeps.get(rnd.nextInt(sleeps.size()));
        }

        void expectNoWakes(String where) {
            check(wakes.isEmpty(), where + " woke " + wakes);
        }

        /**
         * The driver has just processed at the current clock: exactly the pending sleeps whose
         * tick has come fire, each through its latest waker, in tick order, none early.
         *
         * @return how many fired
         */
        int processed(String where) {
            upToDate = true;
            long nowTick = nowTick();
            List<Sleep> due = new ArrayList<>();
            for (Sleep s : sleeps) {
                if (s.status == Status.PENDING && s.tick <= nowTick) {
                    due.add(s);
                }
            }
            long lastTick = Long.MIN_VALUE;
            for (Wake w : wakes) {
                Sleep s = w.sleep();
                check(s.status == Status.PENDING, where + " woke " + s + (s.status == Status.FIRED ? " a second time" : ""));
                check(w.generation() == s.generation, where + " woke " + s + " through the waker of poll "
                        + w.generation() + ", not of its latest poll " + s.generation);
                check(w.clockAtWake() >= s.deadline, where + " woke " + s + " early, at " + w.clockAtWake());
                check(s.tick >= lastTick, where + " fired out of tick order: " + s + " after tick " + lastTick);
                check(due.remove(s), where + " woke " + s + ", which is not due at tick " + nowTick);
                lastTick = s.tick;
                s.status = Status.FIRED;
            }
            check(due.isEmpty(), where + " at tick " + nowTick + " did not fire " + due);
            int n = wakes.size();
            wakes.clear();
            checkNextDeadline(where);
            return n;
        }

        /** After processing: the answer bounds a park by the earliest sleep and is never "due now". */
        void checkNextDeadline(String where) {
            long answer = driver.nanosUntilNext();
            Sleep earliest = earliestPending();
            if (earliest == null) {
                check(answer == Long.MAX_VALUE, "after " + where + " no sleep is in the wheel but nanosUntilNext is " + answer);
                return;
            }
            check(answer <= waitUntil(earliest.tick), "after " + where + " nanosUntilNext " + answer
                    + " oversleeps " + earliest + " (due in " + waitUntil(earliest.tick) + " ns, now " + now() + ")");
            check(answer > 0, "after " + where + " nanosUntilNext is 0 but nothing fires (earliest " + earliest
                    + ", now " + now() + "): the idle driver would spin");
        }

        void checkPending() {
            check(driver.pending() == inWheel(), "the driver holds " + driver.pending() + " timers, the model " + inWheel());
        }

        void run() {
            for (int op = 0; op < OPS; op++) {
                int k = rnd.nextInt(100);
                if (k < 40) {
                    register();
                } else if (k < 50) {
                    repoll();
                } else if (k < 60) {
                    abandon();
                } else if (k < 88) {
                    advance();
                } else {
                    idleJump();
                }
                checkPending();
            }
            // the end: jump until nothing reachable is left; every reachable sleep fired exactly once
            for (int i = 0; i < OPS && earliestPending() != null && reachable(earliestPending().tick); i++) {
                idleJump();
            }
            for (Sleep s : sleeps) {
                check(s.status != Status.PENDING || s.tick == TimeDriver.NEVER || !reachable(s.tick),
                        s + " never fired, now " + now());
            }
        }
    }

    @Test
    void matchesTheModelUnderRandomOperations() {
        Long replay = Long.getLong("weft.time.seed");
        if (replay != null) {
            new Run(replay).run();
            return;
        }
        long base = new Random().nextLong();
        for (int i = 0; i < SEEDS; i++) {
            new Run(base + i).run();
        }
    }

    /**
     * A deadline in the last millisecond before {@code Long.MAX_VALUE}: its tick, rounded up, would
     * start past the largest instant, so the driver treats it as never due. The idle jumps towards it must stay on the clock (each wait fits before
     * the end of time, the paused clock never goes backwards) and settle within a few jumps,
     * with the sleep woken not before its deadline or left out of the wheel.
     */
    @Test
    void idleJumpsTowardsTheLastMillisecondNeverWrapTheClock() {
        for (long deadline : new long[] {Long.MAX_VALUE - 1, Long.MAX_VALUE - MS / 2}) {
            PausedClock clock = new PausedClock();
            TimeDriver driver = new TimeDriver(clock, () -> { });
            AtomicReference<Long> wokeAt = new AtomicReference<>();
            SleepEntry e = new SleepEntry(driver, deadline);
            assertTrue(e.poll(() -> wokeAt.set(clock.nanoTime())).isPending());
            boolean settled = false;
            for (int jump = 0; jump < MAX_IDLE_JUMPS && !settled; jump++) {
                long before = clock.nanoTime();
                long wait = driver.nanosUntilNext();
                assertTrue(wait == Long.MAX_VALUE || wait <= Long.MAX_VALUE - before, "deadline " + deadline
                        + ": at " + before + " the next wait " + wait + " runs past Long.MAX_VALUE");
                boolean jumped = driver.advanceIdleClock();
                assertTrue(clock.nanoTime() >= before, "deadline " + deadline + ": the paused clock went from "
                        + before + " back to " + clock.nanoTime());
                settled = !jumped || wokeAt.get() != null;
            }
            assertTrue(settled, "deadline " + deadline + ": " + MAX_IDLE_JUMPS + " idle jumps neither woke the sleep nor stopped");
            if (wokeAt.get() != null) {
                assertTrue(wokeAt.get() >= deadline, "deadline " + deadline + ": woken early, at " + wokeAt.get());
            }
        }
    }

    /**
     * Sleepers on three threads, each waiting for its own sleep (or abandoning it), against a
     * driver thread that jumps the paused clock to the next deadline and, with no timer left,
     * parks until the wake callback. Every awaited sleep wakes once, not early.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void sleepsFromOtherThreadsWakeTheParkedDriver() throws Exception {
        long seed = Long.getLong("weft.time.seed", new Random().nextLong());
        PausedClock clock = new PausedClock();
        Semaphore callbacks = new Semaphore(0);
        TimeDriver driver = new TimeDriver(clock, callbacks::release);
        int threads = 3;
        int perThread = 300;
        AtomicReference<String> failure = new AtomicReference<>();
        AtomicInteger parks = new AtomicInteger();
        Thread[] sleepers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            Random rnd = new Random(seed + t);
            sleepers[t] = new Thread(() -> {
                try {
                    for (int i = 0; i < perThread; i++) {
                        long deadline = driver.deadlineAfter((long) (rnd.nextDouble() * 20 * MS));
                        CountDownLatch woke = new CountDownLatch(1);
                        AtomicInteger wakes = new AtomicInteger();
                        AtomicReference<Long> at = new AtomicReference<>();
                        SleepEntry e = new SleepEntry(driver, deadline);
                        Poll<Void> p = e.poll(() -> {
                            at.set(clock.nanoTime());
                            wakes.incrementAndGet();
                            woke.countDown();
                        });
                        if (p.isReady()) {
                            continue;
                        }
                        if (rnd.nextInt(5) == 0) {
                            e.abandon();
                            continue;
                        }
                        woke.await();
                        if (at.get() < deadline) {
                            failure.compareAndSet(null, "woken at " + at.get() + " before the deadline " + deadline);
                        }
                        if (!e.poll(() -> { }).isReady()) {
                            failure.compareAndSet(null, "a woken sleep polled pending");
                        }
                        if (wakes.get() != 1) {
                            failure.compareAndSet(null, "woken " + wakes.get() + " times");
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "sleeper-" + t);
        }
        AtomicReference<Boolean> stop = new AtomicReference<>(false);
        Thread driverThread = new Thread(() -> {
            try {
                while (!stop.get()) {
                    driver.processExpired();
                    long wait = driver.nanosUntilNext();
                    if (wait == Long.MAX_VALUE) {
                        parks.incrementAndGet();
                        callbacks.acquire(); // a registration's callback, or the final stop
                        callbacks.drainPermits();
                    } else {
                        clock.advance(wait);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "time-driver");
        driverThread.start();
        for (Thread t : sleepers) {
            t.start();
        }
        for (Thread t : sleepers) {
            t.join();
        }
        stop.set(true);
        callbacks.release();
        driverThread.join();
        assertEquals(null, failure.get(), "seed=" + seed);
        assertEquals(0, driver.pending(), "seed=" + seed + ": abandoned sleeps left timers behind");
        assertTrue(parks.get() > 0, "the driver parked with no timer at least once");
    }
}
