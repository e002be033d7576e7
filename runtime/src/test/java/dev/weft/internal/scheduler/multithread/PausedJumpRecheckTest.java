package dev.weft.internal.scheduler.multithread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Poll;
import dev.weft.internal.scheduler.Driver;
import dev.weft.internal.scheduler.RuntimeCore;
import dev.weft.internal.task.TaskCell;
import dev.weft.internal.time.PausedClock;
import dev.weft.internal.time.SleepEntry;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A paused clock's jump is decided when the driver's holder finds every task idle, and applied
 * later. A task handed to the runtime from outside in the meantime, which starts and reads the
 * clock, must not see the clock jump under it. The driver here stops its holder at the two
 * points of that window (latches and thread states, no timing) while the test spawns such a
 * task: between the decision and the jump, where the re-check under the clock's monitor refuses
 * the jump; and inside the monitor after the re-check, where the hand-off's hold makes the task
 * wait until the jump is applied.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PausedJumpRecheckTest {
    private static final long FAR = TimeUnit.HOURS.toNanos(8);

    /** Stops the first park that would jump to a pending timer: before it, and inside its re-check. */
    private static final class StoppingDriver extends Driver {
        final AtomicBoolean armed = new AtomicBoolean(true);
        final CountDownLatch decided = new CountDownLatch(1);
        final CountDownLatch go = new CountDownLatch(1);
        final CountDownLatch rechecked = new CountDownLatch(1);
        /** Opened when the holder is told to wake while it is stopped before the jump. */
        final CountDownLatch wokenWhileStopped = new CountDownLatch(1);
        /** Runs under the clock's monitor, after the real re-check answered. */
        volatile Runnable afterRecheck = () -> { };

        StoppingDriver(PausedClock clock) {
            super(clock);
        }

        @Override
        public void park(boolean everyTaskIdle, BooleanSupplier stillIdle) {
            if (everyTaskIdle && time().pending() > 0 && armed.compareAndSet(true, false)) {
                decided.countDown();
                awaitQuietly(go);
                super.park(true, () -> {
                    boolean idle = stillIdle.getAsBoolean();
                    afterRecheck.run();
                    rechecked.countDown();
                    return idle;
                });
                return;
            }
            super.park(everyTaskIdle, stillIdle);
        }

        @Override
        public void wakeup() {
            if (decided.getCount() == 0 && go.getCount() > 0) {
                wokenWhileStopped.countDown();
            }
            super.wakeup();
        }
    }

    /** A task that reads the clock, then again once the jump being decided is applied or refused. */
    private static final class ClockReader {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch done = new CountDownLatch(1);
        final AtomicLong elapsed = new AtomicLong(-1);
        final TaskCell<Long> task;

        ClockReader(RuntimeCore core, PausedClock clock, CountDownLatch rechecked) {
            task = core.newTask(w -> {
                long before = clock.nanoTime();
                started.countDown();
                awaitQuietly(rechecked);
                clock.held();   // the clock's monitor: waits until the jump is applied or refused
                return Poll.ready(clock.nanoTime() - before);
            });
            task.setCompletionListener(c -> {
                elapsed.set(task.value());
                done.countDown();
            });
        }
    }

    /**
     * A runtime of two workers on a paused clock with one task asleep until {@link #FAR}, its
     * driver's holder stopped before the jump to it, and a clock reader not yet handed over.
     */
    private static final class Stopped implements AutoCloseable {
        final PausedClock clock = new PausedClock();
        final StoppingDriver driver = new StoppingDriver(clock);
        final CountDownLatch slept = new CountDownLatch(1);
        final RuntimeCore core = new RuntimeCore(FailingDriverTest.config(2), driver, MultiThreadScheduler::new);
        final ClockReader reader = new ClockReader(core, clock, driver.rechecked);

        Stopped() throws InterruptedException {
            TaskCell<Void> sleeper = core.newTask(new SleepEntry(driver.time(), driver.time().deadlineAfter(FAR)));
            sleeper.setCompletionListener(c -> slept.countDown());
            core.submitNew(sleeper);
            assertTrue(driver.decided.await(30, TimeUnit.SECONDS), "the holder never found every task idle with the timer set");
        }

        /** Lets the holder go on, then checks what the reader saw and that the sleeper wakes in the end. */
        void release(String whatWentWrong) throws InterruptedException {
            driver.go.countDown();
            assertTrue(reader.done.await(30, TimeUnit.SECONDS), "the task never finished");
            assertEquals(0, reader.elapsed.get(), whatWentWrong);
            // once that task is done, every task is idle again and the clock jumps to the sleeper
            assertTrue(slept.await(30, TimeUnit.SECONDS), "the clock never jumped to the far timer afterwards");
        }

        @Override
        public void close() {
            core.close();
        }
    }

    @Test
    void aTaskStartedBetweenTheDecisionAndTheJumpStopsTheJump() throws Exception {
        try (Stopped s = new Stopped()) {
            s.core.submitNew(s.reader.task);   // from this plain thread
            // The worker told about it is the other one, which starts it now, or the stopped
            // holder itself (the last worker to park is woken first), which finds it in the
            // re-check once it goes on: then the task starts only after the holder is let go.
            assertTrue(awaitEither(s.reader.started, s.driver.wokenWhileStopped),
                    "the task spawned from outside neither ran nor woke the holder");
            s.release("the paused clock jumped while a task spawned from outside ran");
        }
    }

    @Test
    void aTaskHandedOverDuringTheJumpStartsAfterIt() throws Exception {
        try (Stopped s = new Stopped()) {
            Thread spawner = new Thread(() -> s.core.submitNew(s.reader.task), "outside-spawner");
            s.driver.afterRecheck = () -> {
                // the jump is decided and re-checked; hand a task over from outside now, and go on
                // once the hand-off waits for the clock's monitor or the task has started
                spawner.start();
                while (spawner.getState() != Thread.State.BLOCKED && s.reader.started.getCount() > 0
                        && spawner.getState() != Thread.State.TERMINATED) {
                    Thread.onSpinWait();
                }
                if (spawner.getState() == Thread.State.TERMINATED) {
                    awaitQuietly(s.reader.started);   // handed over without waiting: let it read the clock first
                }
            };
            s.release("a task handed over from outside read the clock before a jump and after it");
        }
    }

    /** @return true once either latch is open (false after 30 s) */
    private static boolean awaitEither(CountDownLatch a, CountDownLatch b) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (a.await(10, TimeUnit.MILLISECONDS) || b.getCount() == 0) {
                return true;
            }
        }
        return false;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("a latch of the test was never opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
