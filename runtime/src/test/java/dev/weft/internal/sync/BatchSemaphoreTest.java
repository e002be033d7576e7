package dev.weft.internal.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.testing.CountingWaker;
import org.junit.jupiter.api.Test;

/** Hand-polled unit tests of {@link BatchSemaphore}: FIFO, partial assignment, cancel, close. */
class BatchSemaphoreTest {
    @Test
    void fastPathAndRelease() {
        BatchSemaphore s = new BatchSemaphore(3);
        assertEquals(BatchSemaphore.TryAcquire.ACQUIRED, s.tryAcquire(2));
        assertEquals(BatchSemaphore.TryAcquire.NO_PERMITS, s.tryAcquire(2));
        s.release(2);
        assertEquals(3, s.availablePermits());
    }

    @Test
    void fifoWithPartialAssignmentBlocksLaterSmallRequests() {
        BatchSemaphore s = new BatchSemaphore(1);
        BatchSemaphore.Acquire big = s.acquire(3);
        CountingWaker wBig = new CountingWaker();
        assertTrue(big.poll(wBig).isPending()); // took the 1 permit, needs 2 more
        assertEquals(0, s.availablePermits());
        BatchSemaphore.Acquire small = s.acquire(1);
        CountingWaker wSmall = new CountingWaker();
        assertTrue(small.poll(wSmall).isPending());
        assertEquals(BatchSemaphore.TryAcquire.NO_PERMITS, s.tryAcquire(1));
        s.release(1);
        assertEquals(0, wBig.wakes.get(), "still one short");
        assertEquals(0, s.availablePermits(), "the released permit went to the head waiter");
        s.release(2); // 1 completes big, 1 goes to small
        assertEquals(1, wBig.wakes.get());
        assertEquals(1, wSmall.wakes.get());
        assertEquals(Boolean.TRUE, big.poll(wBig).value());
        assertEquals(Boolean.TRUE, small.poll(wSmall).value());
        assertEquals(0, s.queuedWaiters());
    }

    @Test
    void abandonGivesBackPartialAndAssignedPermits() {
        BatchSemaphore s = new BatchSemaphore(2);
        BatchSemaphore.Acquire a = s.acquire(3);
        assertTrue(a.poll(Waker.NOOP).isPending());
        BatchSemaphore.Acquire b = s.acquire(2);
        CountingWaker wb = new CountingWaker();
        assertTrue(b.poll(wb).isPending());
        a.abandon(); // its 2 partial permits go to b
        assertEquals(1, wb.wakes.get());
        b.abandon(); // assigned but never taken: back to the word
        assertEquals(2, s.availablePermits());
        assertEquals(0, s.queuedWaiters());
    }

    @Test
    void queuedWaitersAreCountedAndZeroIsAValidCount() {
        BatchSemaphore s = new BatchSemaphore(0);   // zero permits is allowed
        s.release(0);                               // and releasing none is a no-op
        assertEquals(0, s.availablePermits());
        BatchSemaphore.Acquire a = s.acquire(1);
        BatchSemaphore.Acquire b = s.acquire(1);
        assertTrue(a.poll(Waker.NOOP).isPending());
        assertTrue(b.poll(Waker.NOOP).isPending());
        assertEquals(2, s.queuedWaiters());
        a.abandon();
        assertEquals(1, s.queuedWaiters());
        assertThrows(IllegalArgumentException.class, () -> s.release(-1));
        assertThrows(IllegalArgumentException.class, () -> new BatchSemaphore(BatchSemaphore.MAX_PERMITS + 1));
        new BatchSemaphore(BatchSemaphore.MAX_PERMITS);   // the largest count is valid
    }

    @Test
    void closeReleasesWaitersWithFalse() {
        BatchSemaphore s = new BatchSemaphore(0);
        BatchSemaphore.Acquire a = s.acquire(1);
        CountingWaker w = new CountingWaker();
        assertTrue(a.poll(w).isPending());
        s.close();
        assertEquals(1, w.wakes.get());
        Poll<Boolean> p = a.poll(w);
        assertFalse(p.value());
        assertEquals(BatchSemaphore.TryAcquire.CLOSED, s.tryAcquire(1));
        assertFalse(s.acquire(1).poll(w).value());
    }

    @Test
    void closeGivesAQueuedWaitersPartialPermitsBackToTheCount() {
        BatchSemaphore s = new BatchSemaphore(2);
        BatchSemaphore.Acquire a = s.acquire(3);
        assertTrue(a.poll(Waker.NOOP).isPending(), "2 of its 3 permits assigned, queued for the third");
        assertEquals(0, s.availablePermits());
        s.close();
        assertFalse(a.poll(Waker.NOOP).value());
        assertEquals(2, s.availablePermits(), "the count stays meaningful after close");
    }

    @Test
    void wakersRunOutsideTheLock() throws Exception {
        BatchSemaphore s = new BatchSemaphore(0);
        BatchSemaphore.Acquire a = s.acquire(1);
        // a waker that needs the semaphore's lock from another thread would deadlock if called under it
        Waker w = () -> {
            Thread t = new Thread(() -> s.queuedWaiters());
            t.start();
            try {
                t.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        };
        assertTrue(a.poll(w).isPending());
        s.release(1);
        assertTrue(a.poll(w).value());
    }

    @Test
    void aResetRequestWaitsAndIsServedAgain() {
        BatchSemaphore s = new BatchSemaphore(0);
        BatchSemaphore.Acquire a = s.acquire(1);
        CountingWaker w = new CountingWaker();
        for (int round = 1; round <= 3; round++) {
            assertTrue(a.poll(w).isPending());
            assertEquals(1, s.queuedWaiters());
            s.release(1);
            assertEquals(round, w.wakes.get());
            assertTrue(a.poll(w).value());
            assertEquals(0, s.availablePermits());
            a.reset();
        }
        // abandoned while assigned: the permit is back, and the reset request takes it at once
        assertTrue(a.poll(w).isPending());
        s.release(1);
        a.abandon();
        assertEquals(1, s.availablePermits());
        a.reset();
        assertTrue(a.poll(w).value());
        assertEquals(0, s.availablePermits());
        // abandoned while queued, then closed out
        a.reset();
        assertTrue(a.poll(w).isPending());
        a.abandon();
        a.reset();
        assertTrue(a.poll(w).isPending());
        s.close();
        assertFalse(a.poll(w).value());
        a.reset();
        assertFalse(a.poll(w).value());
    }

    @Test
    void aRequestThatStillWaitsOrOwnsPermitsCannotBeReset() {
        BatchSemaphore s = new BatchSemaphore(0);
        BatchSemaphore.Acquire a = s.acquire(1);
        a.reset(); // never polled: nothing to lose
        assertTrue(a.poll(Waker.NOOP).isPending());
        assertThrows(IllegalStateException.class, a::reset);
        s.release(1); // assigned, not taken yet
        assertThrows(IllegalStateException.class, a::reset);
        assertTrue(a.poll(Waker.NOOP).value());
        BatchSemaphore.Acquire b = s.acquire(1);
        assertTrue(b.poll(Waker.NOOP).isPending());
        s.close(); // closed out, not seen yet
        assertThrows(IllegalStateException.class, b::reset);
    }
}
