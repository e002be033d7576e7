package dev.weft.examples.guide.step11_testing;

import static dev.weft.Async.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.JoinHandle;
import dev.weft.Suspendable;
import dev.weft.Task;
import dev.weft.test.TestClock;
import dev.weft.test.WeftTest;
import dev.weft.time.Elapsed;
import dev.weft.time.Time;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** The step's tests; {@link TestingTour} runs them with the JUnit launcher. */
class AccountTest {
    @WeftTest
    @Suspendable
    void twoWithdrawalsOfEighty() {
        Account a = new Account(100, amount -> await(CompletableFuture.completedFuture("written")));   // ready at once
        JoinHandle<Boolean> first = Task.spawn(() -> a.withdraw(80));
        JoinHandle<Boolean> second = Task.spawn(() -> a.withdraw(80));
        first.join();
        second.join();
        assertTrue(a.balance() >= 0, "overdrawn: " + a.balance());
    }

    @WeftTest(schedules = 20)
    @Suspendable
    void twoWithdrawalsOfEightyUnderRandomSchedules() {
        twoWithdrawalsOfEighty();
    }

    @WeftTest(paused = true)
    @Suspendable
    void aSlowAuditTimesOutAfterOneMinute(TestClock clock) throws Exception {
        Account a = new Account(100, amount -> Time.sleep(Duration.ofHours(1)));   // a very slow audit
        try {
            Time.timeout(Duration.ofMinutes(1), () -> a.withdraw(10));
            throw new AssertionError("should have timed out");
        } catch (Elapsed expected) {
            assertEquals(Duration.ofMinutes(1), clock.elapsed());
            assertEquals(100, a.balance());
        }
    }

    @WeftTest
    @Suspendable
    void forgetsATask() {
        Task.spawn("forgotten audit", () -> awaitAuditor());
    }

    @Suspendable
    static Void awaitAuditor() {
        return await(new CompletableFuture<Void>());   // never completes
    }
}
