package dev.weft.test.samples;

import static dev.weft.Async.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.JoinHandle;
import dev.weft.Suspendable;
import dev.weft.Task;
import dev.weft.test.WeftTest;
import java.util.concurrent.CompletableFuture;

/**
 * Run only through {@code Samples}: a check-then-act race across an await. Two tasks withdraw 80
 * from 100; each checks the balance, awaits an audit log write, then takes the money. The write
 * is already done, so in the runtime's own order nothing interleaves and the test passes; a
 * schedule where one task suspends at the await between check and act overdraws.
 */
public class CheckThenAct {
    /** Schedules to try: the race shows in about half of them. */
    static final int SCHEDULES = 20;

    private int balance;

    @WeftTest
    @Suspendable
    void fifoOrderHidesTheRace() {
        overdraws();
    }

    @WeftTest(schedules = SCHEDULES)
    @Suspendable
    void randomSchedulesFindTheRace() {
        overdraws();
    }

    @Suspendable
    private void overdraws() {
        balance = 100;
        JoinHandle<Boolean> a = Task.spawn(() -> withdraw(80));
        JoinHandle<Boolean> b = Task.spawn(() -> withdraw(80));
        a.join();
        b.join();
        assertTrue(balance >= 0, "overdrawn: " + balance);
    }

    @Suspendable
    private boolean withdraw(int amount) {
        if (balance < amount) {
            return false;
        }
        await(CompletableFuture.completedFuture("audit written"));   // the await between check and act
        balance -= amount;
        return true;
    }
}
