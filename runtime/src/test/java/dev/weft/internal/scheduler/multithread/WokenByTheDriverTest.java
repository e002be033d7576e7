package dev.weft.internal.scheduler.multithread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Poll;
import dev.weft.internal.scheduler.Driver;
import dev.weft.internal.scheduler.RuntimeCore;
import dev.weft.internal.task.TaskCell;
import dev.weft.internal.time.PausedClock;
import dev.weft.internal.time.SleepEntry;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Tasks that timers or I/O wake while a worker turns the driver go to that worker's own queue.
 * Nothing else is told of them, so the worker itself must run them: it must not wait in the
 * selector with them queued, and it must not look parked to other threads while they wait (a
 * paused clock jumps only when every worker is parked). Every case uses a paused clock, so a
 * timer fires exactly when the test decides; latches bound each wait.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WokenByTheDriverTest {
    private static final long FAR = TimeUnit.HOURS.toNanos(1);

    /**
     * Checks, each time a worker gives the driver back, that no worker is listed as parked while
     * its local queue holds tasks, and remembers the first violation.
     */
    private static final class CheckingDriver extends Driver {
        final AtomicReference<MultiThreadScheduler> scheduler = new AtomicReference<>();
        final AtomicReference<String> violation = new AtomicReference<>();
        final AtomicInteger releasesWithQueuedTasks = new AtomicInteger();

        CheckingDriver(PausedClock clock) {
            super(clock);
        }

        @Override
        public void release() {
            MultiThreadScheduler s = scheduler.get();
            if (s != null) {
                for (Worker w : s.workers) {
                    if (!w.queue.isEmpty()) {
                        releasesWithQueuedTasks.incrementAndGet();
                        if (s.idle.isParked(w.index)) {
                            violation.compareAndSet(null, "worker " + w.index + " gave the driver back while listed as parked"
                                    + " with " + w.queue.len() + " task(s) queued");
                        }
                    }
                }
            }
            super.release();
        }
    }

    private static final class Runtime implements AutoCloseable {
        final PausedClock clock = new PausedClock();
        final CheckingDriver driver = new CheckingDriver(clock);
        final RuntimeCore core;

        Runtime(int workers) {
            core = new RuntimeCore(FailingDriverTest.config(workers), driver, c -> {
                MultiThreadScheduler s = new MultiThreadScheduler(c);
                driver.scheduler.set(s);
                return s;
            });
        }

        /** A task asleep until {@code after} from now; the latch opens when it completes. */
        CountDownLatch sleep(long after) {
            CountDownLatch done = new CountDownLatch(1);
            TaskCell<Void> t = core.newTask(new SleepEntry(driver.time(), driver.time().deadlineAfter(after)));
            t.setCompletionListener(c -> done.countDown());
            core.submitNew(t);
            return done;
        }

        @Override
        public void close() {
            core.close();
        }
    }

    @Test
    void theOnlyWorkerRunsWhatItsDriverWoke() throws Exception {
        try (Runtime rt = new Runtime(1)) {
            // the worker jumps the idle clock to the timer in its own park, and fires it there
            for (int round = 0; round < 20; round++) {
                assertTrue(rt.sleep(FAR).await(30, TimeUnit.SECONDS), "round " + round + ": the woken sleeper never ran");
            }
            assertNull(rt.driver.violation.get());
            assertTrue(rt.driver.releasesWithQueuedTasks.get() > 0, "no park ever queued a woken task: the case tested nothing");
        }
    }

    @Test
    void manySleepersWokenInOneParkAllRunOnEveryWorkerCount() throws Exception {
        for (int workers : new int[] {1, 2, 4}) {
            try (Runtime rt = new Runtime(workers)) {
                int n = 300;
                CountDownLatch[] done = new CountDownLatch[n];
                for (int i = 0; i < n; i++) {
                    done[i] = rt.sleep(FAR);   // the same tick: one park fires them all
                }
                for (int i = 0; i < n; i++) {
                    assertTrue(done[i].await(30, TimeUnit.SECONDS), workers + " workers: sleeper " + i + " never ran");
                }
                assertNull(rt.driver.violation.get(), workers + " workers");
                FailingDriverTest.assertEachSleeperOnce(rt.driver.scheduler.get().idle, workers);
            }
        }
    }

    @Test
    void aTimerAlreadyDueWhenTheWorkerParksIsFiredWithoutWaiting() throws Exception {
        try (Runtime rt = new Runtime(1)) {
            // Held: the idle clock cannot jump, so only the test moves it. The sleeper's timer
            // becomes due while the worker runs the task below, before it parks again; with
            // nothing else pending, a park that fired it and then waited would wait for ever.
            rt.clock.hold();
            try {
                CountDownLatch slept = rt.sleep(FAR);
                while (rt.driver.time().pending() == 0) {
                    Thread.onSpinWait();   // until the sleeper has registered its timer
                }
                CountDownLatch advanced = new CountDownLatch(1);
                TaskCell<Void> mover = rt.core.newTask(w -> {
                    rt.clock.advance(2 * FAR);
                    return Poll.ready(null);
                });
                mover.setCompletionListener(c -> advanced.countDown());
                rt.core.submitNew(mover);
                assertTrue(advanced.await(30, TimeUnit.SECONDS), "the task that moves the clock never ran");
                assertTrue(slept.await(30, TimeUnit.SECONDS), "a timer due when the worker parked was never fired");
                assertEquals(0, rt.driver.time().pending());
            } finally {
                rt.clock.release();
            }
        }
    }
}
