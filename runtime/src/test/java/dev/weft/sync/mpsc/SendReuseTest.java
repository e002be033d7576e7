package dev.weft.sync.mpsc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Awaitable;
import dev.weft.future.Waker;
import dev.weft.sync.SendException;
import dev.weft.testing.CountingWaker;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * Hand-polled tests of the send future each {@link Sender} reuses: reuse after a send that
 * completed, failed, or was abandoned (waiting or not), a fresh future while one is outstanding,
 * and no allocation per send or receive on a ring-backed channel.
 */
class SendReuseTest {
    @Test
    void aFinishedSendIsReusedAndAnOutstandingOneIsNot() {
        Channel<Integer> ch = Channel.bounded(4);
        Sender<Integer> tx = ch.sender();
        Awaitable<Void> first = tx.sendAwaitable(1);
        assertTrue(first.poll(Waker.NOOP).isReady());
        Awaitable<Void> second = tx.sendAwaitable(2);
        assertSame(first, second, "a completed send's future is reused");
        Awaitable<Void> third = tx.sendAwaitable(3); // the second is not polled yet
        assertNotSame(second, third);
        assertTrue(third.poll(Waker.NOOP).isReady());
        // the newer future is the one reused from now on, so one left outstanding for ever (a
        // select branch that lost unpolled) costs a single allocation
        Awaitable<Void> fourth = tx.sendAwaitable(4);
        assertSame(third, fourth);
        assertTrue(fourth.poll(Waker.NOOP).isReady());
        assertTrue(second.poll(Waker.NOOP).isReady());
        assertThrows(IllegalStateException.class, () -> fourth.poll(Waker.NOOP));
        assertEquals(1, ch.receiver().tryRecv());
        assertEquals(3, ch.receiver().tryRecv(), "values leave in the order their sends took room");
        assertEquals(4, ch.receiver().tryRecv());
        assertEquals(2, ch.receiver().tryRecv());
        assertNull(ch.receiver().tryRecv());
    }

    @Test
    void aSendAbandonedWhileWaitingOrAfterBeingAssignedRoomLeavesNoneReserved() {
        Channel<Integer> ch = Channel.bounded(1);
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        assertTrue(tx.sendAwaitable(1).poll(Waker.NOOP).isReady());
        CountingWaker w = new CountingWaker();
        Awaitable<Void> waiting = tx.sendAwaitable(2);
        assertTrue(waiting.poll(w).isPending());
        waiting.abandon(); // queued: unqueued
        assertEquals(1, rx.tryRecv());
        assertEquals(0, w.wakes.get(), "an abandoned send is not woken");
        assertEquals(1, tx.capacity());

        Awaitable<Void> again = tx.sendAwaitable(3);
        assertSame(waiting, again);
        assertTrue(again.poll(w).isReady());
        Awaitable<Void> full = tx.sendAwaitable(4);
        assertTrue(full.poll(w).isPending());
        assertEquals(3, rx.tryRecv()); // room handed to the waiting send
        assertEquals(1, w.wakes.get());
        assertEquals(0, tx.capacity());
        full.abandon(); // assigned, not taken: given back
        assertEquals(1, tx.capacity());
        assertNull(rx.tryRecv());

        Awaitable<Void> last = tx.sendAwaitable(5); // reuses the future and its reset request
        assertTrue(last.poll(w).isReady());
        Awaitable<Void> queued = tx.sendAwaitable(6);
        assertTrue(queued.poll(w).isPending());
        assertEquals(5, rx.tryRecv());
        assertEquals(2, w.wakes.get());
        assertTrue(queued.poll(w).isReady());
        assertEquals(6, rx.tryRecv());
        assertEquals(1, tx.capacity());
    }

    @Test
    void aFailedSendCarriesItsValueAndTheFutureIsReusedForTheNext() {
        Channel<String> ch = Channel.bounded(1);
        Sender<String> tx = ch.sender();
        assertTrue(tx.sendAwaitable("in").poll(Waker.NOOP).isReady());
        CountingWaker w = new CountingWaker();
        Awaitable<Void> waiting = tx.sendAwaitable("released");
        assertTrue(waiting.poll(w).isPending());
        ch.receiver().close();
        assertEquals(1, w.wakes.get());
        SendException e = assertThrows(SendException.class, () -> waiting.poll(w));
        assertEquals("released", e.value());
        Awaitable<Void> next = tx.sendAwaitable("later");
        assertSame(waiting, next);
        SendException later = assertThrows(SendException.class, () -> next.poll(w));
        assertEquals("later", later.value());
        assertEquals("in", ch.receiver().tryRecv());
    }

    @Test
    void anUnboundedSendReusesItsFutureToo() {
        Channel<Integer> ch = Channel.unbounded();
        Sender<Integer> tx = ch.sender();
        Awaitable<Void> first = tx.sendAwaitable(1);
        assertTrue(first.poll(Waker.NOOP).isReady());
        assertSame(first, tx.sendAwaitable(2));
        assertTrue(first.poll(Waker.NOOP).isReady());
        ch.receiver().close();
        SendException closed = assertThrows(SendException.class, () -> tx.sendAwaitable(3).poll(Waker.NOOP));
        assertEquals(Integer.valueOf(3), closed.value());
        assertEquals(1, ch.receiver().tryRecv());
        assertEquals(2, ch.receiver().tryRecv());
    }

    @Test
    void aBoundAboveTheRingLimitKeepsTheSameSemanticsOnALinkedQueue() {
        int bound = Chan.RING_LIMIT + 1;
        Channel<Integer> ch = Channel.bounded(bound);
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        for (int i = 0; i < bound; i++) {
            assertTrue(tx.trySend(i));
        }
        assertFalse(tx.trySend(-1));
        CountingWaker w = new CountingWaker();
        Awaitable<Void> waiting = tx.sendAwaitable(bound);
        assertTrue(waiting.poll(w).isPending());
        assertEquals(0, rx.tryRecv());
        assertEquals(1, w.wakes.get());
        assertTrue(waiting.poll(w).isReady());
        for (int i = 1; i <= bound; i++) {
            assertEquals(i, rx.tryRecv());
        }
        assertNull(rx.tryRecv());
        tx.close();
        assertTrue(rx.isClosed());
    }

    @Test
    void sendsAndReceivesOnARingAllocateNothing() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Channel<Integer> ch = Channel.bounded(1);
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        CountingWaker w = new CountingWaker();
        Integer value = 12345; // one boxed value for every send
        Runnable rounds = () -> {
            for (int i = 0; i < 10_000; i++) {
                // room at once
                if (tx.sendAwaitable(value).poll(w).isPending()) {
                    throw new AssertionError("a send to an empty channel waited");
                }
                // a full channel: the send waits, the receive hands it the room
                Awaitable<Void> waiting = tx.sendAwaitable(value);
                if (waiting.poll(w).isReady() || rx.tryRecv() == null || waiting.poll(w).isPending()) {
                    throw new AssertionError("the waiting send of round " + i);
                }
                if (rx.tryRecv() == null) {
                    throw new AssertionError("lost the value of round " + i);
                }
            }
        };
        rounds.run(); // first waits made the request; classes loaded, call sites linked
        long before = threads.getCurrentThreadAllocatedBytes();
        rounds.run();
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        // 40,000 sends and receives; a node or future per send would be over 600 KB
        assertTrue(allocated < 4_096, "allocated " + allocated + " B over 10,000 rounds");
        assertEquals(1, tx.capacity());
    }
}
