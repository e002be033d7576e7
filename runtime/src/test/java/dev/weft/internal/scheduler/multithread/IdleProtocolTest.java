package dev.weft.internal.scheduler.multithread;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The rules of {@link Idle}, one transition at a time: a wake-up only when nobody searches and
 * someone is parked; the woken worker leaves the sleeper stack counted as unparked and
 * searching; searching is throttled to half the workers; only the last searcher to stop (by
 * finding work or by parking) is told to re-check; a worker leaving the stack on its own is
 * unparked but not searching, and only once. The interleavings are in {@link IdleLincheckTest}.
 */
class IdleProtocolTest {
    @Test
    void aWakeUpNeedsAParkedWorkerAndNobodySearching() {
        Idle idle = new Idle(4);
        assertEquals(-1, idle.workerToNotify(), "nobody is parked");
        assertFalse(idle.transitionWorkerToParked(3, false));
        assertFalse(idle.allParked());
        assertTrue(idle.transitionWorkerToSearching());
        assertEquals(-1, idle.workerToNotify(), "worker 3 is parked but somebody searches");
        assertTrue(idle.isParked(3));
        assertTrue(idle.transitionWorkerFromSearching(), "the only searcher is the last one");
        assertEquals(3, idle.workerToNotify());
        assertFalse(idle.isParked(3));
        assertEquals(1, idle.numSearching(), "the woken worker counts as searching");
        assertEquals(-1, idle.workerToNotify(), "a burst of spawns wakes one worker, not all");
        assertEquals(0, idle.sleepers().length);
    }

    @Test
    void theSleeperStackWakesTheMostRecentlyParkedFirstAndEachOnce() {
        Idle idle = new Idle(3);
        for (int i = 0; i < 3; i++) {
            assertFalse(idle.transitionWorkerToParked(i, false));
        }
        assertTrue(idle.allParked());
        int[] sorted = idle.sleepers();
        Arrays.sort(sorted);
        assertArrayEquals(new int[] {0, 1, 2}, sorted);
        assertEquals(2, idle.workerToNotify());
        assertFalse(idle.allParked());
        assertTrue(idle.transitionWorkerFromSearching());
        assertEquals(1, idle.workerToNotify());
        assertTrue(idle.transitionWorkerFromSearching());
        assertEquals(0, idle.workerToNotify());
        assertTrue(idle.transitionWorkerFromSearching());
        assertEquals(-1, idle.workerToNotify(), "every worker is unparked");
        assertEquals(0, idle.numSearching());
    }

    /** @return four workers, two of them searching */
    private static Idle twoOfFourSearching() {
        Idle idle = new Idle(4);
        assertTrue(idle.transitionWorkerToSearching());
        assertTrue(idle.transitionWorkerToSearching());
        return idle;
    }

    @Test
    void searchingIsThrottledToHalfTheWorkers() {
        Idle idle = twoOfFourSearching();
        assertFalse(idle.transitionWorkerToSearching(), "two of four already search");
        assertEquals(2, idle.numSearching());
        Idle one = new Idle(1);
        assertTrue(one.transitionWorkerToSearching(), "a single worker may always search");
        assertFalse(one.transitionWorkerToSearching());
    }

    @Test
    void onlyTheLastSearcherToStopReChecks() {
        Idle idle = twoOfFourSearching();
        assertFalse(idle.transitionWorkerFromSearching(), "another one still searches");
        assertTrue(idle.transitionWorkerFromSearching(), "the last one must wake another if work exists");

        assertTrue(idle.transitionWorkerToSearching());
        assertTrue(idle.transitionWorkerToSearching());
        assertFalse(idle.transitionWorkerToParked(0, true), "worker 1 still searches");
        assertFalse(idle.transitionWorkerToParked(2, false), "a worker that was not searching never re-checks");
        assertTrue(idle.transitionWorkerToParked(1, true), "the last searcher parks: it re-checks every queue");
        assertEquals(0, idle.numSearching());
        assertEquals(3, idle.sleepers().length);
    }

    @Test
    void aWorkerLeavingTheStackOnItsOwnIsUnparkedNotSearchingAndOnlyOnce() {
        Idle idle = new Idle(2);
        idle.transitionWorkerToParked(0, false);
        idle.transitionWorkerToParked(1, false);
        assertTrue(idle.allParked());
        assertTrue(idle.unparkWorkerById(0));
        assertFalse(idle.unparkWorkerById(0), "already off the stack");
        assertFalse(idle.allParked());
        assertEquals(0, idle.numSearching());
        assertFalse(idle.isParked(0));
        assertTrue(idle.isParked(1));
        assertEquals(1, idle.workerToNotify());
        assertFalse(idle.unparkWorkerById(1), "a notifier took it off first");
        assertEquals(1, idle.numSearching());
        assertEquals(-1, idle.workerToNotify(), "both unparked");
    }
}
