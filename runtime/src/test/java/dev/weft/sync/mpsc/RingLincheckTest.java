package dev.weft.sync.mpsc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

/**
 * Model checks {@link Ring} with 2 slots (so it fills and wraps): two producers, each pushing only
 * with a reservation taken from a counter of 2, as a channel's permits do, and the one consumer,
 * which gives the reservation back after it polled the value. Prefilled with one value so a
 * push that has to wait for a slot to be cleared is reached in few operations.
 *
 * <p>Not checked against a sequential queue: a push that claimed a slot and has not written it
 * hides the values pushed after it, so a poll may answer empty while a later push returned.
 * The operations return nothing, so lincheck checks no sequential order; the check is
 * conservation and order: the consumer throws on a value out of a producer's order,
 * and {@link #check()} drains the ring and requires every pushed value exactly once and every
 * reservation back.
 */
public class RingLincheckTest {
    private static final int CAPACITY = 2;

    private final Ring<Integer> ring = new Ring<>(CAPACITY);
    private final AtomicInteger room = new AtomicInteger(CAPACITY);
    private final ConcurrentLinkedQueue<Integer> pushed = new ConcurrentLinkedQueue<>();
    /** consumer only */
    private final List<Integer> polled = new ArrayList<>();
    /** producer A only; A pushes 0, 1, ...; the prefilled value is -1 */
    private int nextA;
    /** producer B only; B pushes 1000, 1001, ... */
    private int nextB = 1000;
    /** consumer only */
    private int lastA = -2;
    /** consumer only */
    private int lastB = 999;

    public RingLincheckTest() {
        room.decrementAndGet();
        ring.push(-1);
        pushed.add(-1);
    }

    @Operation(nonParallelGroup = "a")
    public void pushA() {
        if (reserve()) {
            push(nextA++);
        }
    }

    @Operation(nonParallelGroup = "b")
    public void pushB() {
        if (reserve()) {
            push(nextB++);
        }
    }

    private void push(int v) {
        ring.push(v);
        pushed.add(v);
    }

    private boolean reserve() {
        int r = room.get();
        while (r > 0) {
            int w = room.compareAndExchange(r, r - 1);
            if (w == r) {
                return true;
            }
            r = w;
        }
        return false;
    }

    @Operation(nonParallelGroup = "consumer")
    public void poll() {
        Integer v = ring.poll();
        if (v != null) {
            take(v);
        }
    }

    private void take(int v) {
        if (v < 1000) {
            if (v <= lastA) {
                throw new IllegalStateException("producer A's " + v + " after " + lastA);
            }
            lastA = v;
        } else {
            if (v <= lastB) {
                throw new IllegalStateException("producer B's " + v + " after " + lastB);
            }
            lastB = v;
        }
        polled.add(v);
        room.incrementAndGet();
    }

    @Validate
    public void check() {
        Integer v;
        while ((v = ring.poll()) != null) {
            take(v);
        }
        if (!ring.isEmpty()) {
            throw new IllegalStateException("drained, yet the ring is not empty");
        }
        List<Integer> expected = new ArrayList<>(pushed);
        expected.sort(null);
        List<Integer> all = new ArrayList<>(polled);
        all.sort(null);
        if (!all.equals(expected)) {
            throw new IllegalStateException("pushed " + expected + " but polled " + all);
        }
        if (room.get() != CAPACITY) {
            throw new IllegalStateException("reservations not all back: " + room.get());
        }
    }

    @Test
    void modelCheck() {
        new ModelCheckingOptions()
                .iterations(20)
                .invocationsPerIteration(500)
                .threads(3)
                .actorsPerThread(3)
                .actorsBefore(0)
                .actorsAfter(0)
                .check(RingLincheckTest.class);
    }

    @Test
    void fillsAndWrapsInOrder() {
        Ring<Integer> three = new Ring<>(3); // four slots: the positions wrap at a different point than the bound
        for (int round = 0; round < 5; round++) {
            assertTrue(three.isEmpty());
            for (int i = 0; i < 3; i++) {
                three.push(round * 10 + i);
            }
            assertFalse(three.isEmpty());
            for (int i = 0; i < 3; i++) {
                assertEquals(round * 10 + i, three.poll());
            }
            assertNull(three.poll());
        }
    }

    @Test
    void rejectsACapacityOutsideItsRange() {
        assertThrows(IllegalArgumentException.class, () -> new Ring<>(0));
        assertThrows(IllegalArgumentException.class, () -> new Ring<>((1 << 30) + 1));
    }
}
