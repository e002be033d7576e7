package dev.weft.internal.scheduler.multithread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Poll;
import dev.weft.internal.scheduler.Driver;
import dev.weft.internal.scheduler.RuntimeConfig;
import dev.weft.internal.scheduler.RuntimeCore;
import dev.weft.internal.task.TaskCell;
import dev.weft.internal.time.ClockSource;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A driver whose {@code park} throws leaves the workers and {@link Idle} consistent: no worker is
 * listed twice among the sleepers, and tasks spawned afterwards still run.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FailingDriverTest {
    /** Throws from the first {@code failures} parks, then behaves. */
    static final class FailingDriver extends Driver {
        final AtomicInteger failuresLeft;
        final CountDownLatch allThrown;

        FailingDriver(int failures) {
            super(ClockSource.SYSTEM);
            failuresLeft = new AtomicInteger(failures);
            allThrown = new CountDownLatch(failures);
        }

        @Override
        public void park(boolean everyTaskIdle, BooleanSupplier stillIdle) {
            if (failuresLeft.getAndDecrement() > 0) {
                allThrown.countDown();
                throw new IllegalStateException("injected driver failure");
            }
            super.park(everyTaskIdle, stillIdle);
        }
    }

    static RuntimeConfig config(int workers) {
        return new RuntimeConfig(workers, "failing-driver-test-", (id, cause) -> { }, Duration.ofSeconds(10),
                RuntimeConfig.DEFAULT_LOCAL_QUEUE_CAPACITY, RuntimeConfig.DEFAULT_EVENT_INTERVAL, ClockSource.SYSTEM,
                4, Duration.ofSeconds(1), 0);
    }

    static void assertEachSleeperOnce(Idle idle, int workers) {
        int[] s = idle.sleepers();
        Set<Integer> distinct = new HashSet<>();
        for (int i : s) {
            assertTrue(i >= 0 && i < workers, "sleeper index " + i);
            assertTrue(distinct.add(i), "worker " + i + " is listed twice: " + Arrays.toString(s));
        }
    }

    @Test
    void workersSurviveAThrowingDriverWithIdleStateIntact() throws Exception {
        for (int workers : new int[] {1, 2, 3}) {
            FailingDriver driver = new FailingDriver(40);
            MultiThreadScheduler[] flavour = new MultiThreadScheduler[1];
            RuntimeCore core = new RuntimeCore(config(workers), driver, c -> flavour[0] = new MultiThreadScheduler(c));
            MultiThreadScheduler s = flavour[0];
            try {
                // idle workers park in the driver; each failure sends one back through its run loop
                assertTrue(driver.allThrown.await(30, TimeUnit.SECONDS), "the driver was parked in 40 times");
                assertEachSleeperOnce(s.idle, workers);
                int n = 200;
                CountDownLatch done = new CountDownLatch(n);
                for (int i = 0; i < n; i++) {
                    TaskCell<Integer> t = core.newTask(w -> Poll.ready(1));
                    t.setCompletionListener(c -> done.countDown());
                    core.submitNew(t);
                }
                assertTrue(done.await(30, TimeUnit.SECONDS), "tasks spawned after the failures ran");
                assertEachSleeperOnce(s.idle, workers);
                assertTrue(s.idle.sleepers().length <= workers);
                // once every worker parked again, none may still count as searching
                long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (!s.idle.allParked()) {
                    assertTrue(System.nanoTime() - giveUp < 0, "the workers never all parked: " + s.idle.numSearching()
                            + " searching, sleepers " + Arrays.toString(s.idle.sleepers()));
                    Thread.onSpinWait();
                }
                assertEquals(0, s.idle.numSearching(), "searchers counted with every worker parked");
            } finally {
                core.close();
            }
        }
    }
}
