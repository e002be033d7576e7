package dev.weft.internal.scheduler.multithread;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link LocalQueue} on one thread: FIFO, overflow, steal-half, wrap-around. */
class LocalQueueTest {
    /** Collects what overflows. */
    static final class Sink implements LocalQueue.Overflow<Integer> {
        final List<Integer> items = new ArrayList<>();

        @Override
        public void pushBatch(Object[] tasks) {
            for (Object t : tasks) {
                items.add((Integer) t);
            }
        }

        @Override
        public void push(Integer task) {
            items.add(task);
        }
    }

    @Test
    void fifo() {
        LocalQueue<Integer> q = new LocalQueue<>(4);
        Sink sink = new Sink();
        q.push(1, sink);
        q.push(2, sink);
        q.push(3, sink);
        assertEquals(1, q.pop());
        assertEquals(2, q.pop());
        assertEquals(3, q.pop());
        assertNull(q.pop());
        assertTrue(q.isEmpty());
    }

    @Test
    void fullQueueMovesHalfAndTheNewTaskToOverflow() {
        LocalQueue<Integer> q = new LocalQueue<>(4);
        Sink sink = new Sink();
        for (int i = 0; i < 5; i++) {
            q.push(i, sink);
        }
        assertEquals(List.of(0, 1, 4), sink.items);
        assertEquals(2, q.len());
        // the overflow left head consistent: a thief can take from the rest
        LocalQueue<Integer> thief = new LocalQueue<>(4);
        assertEquals(2, q.stealer().stealInto(thief));
        assertEquals(3, q.pop());
        assertNull(q.pop());
        // and the queue takes a full load again without overflowing
        for (int i = 10; i < 14; i++) {
            q.push(i, sink);
        }
        assertEquals(3, sink.items.size());
        assertEquals(4, q.len());
    }

    @Test
    void aThiefStealsIntoAQueueUpToHalfFullAndNotBeyond() {
        Sink sink = new Sink();
        LocalQueue<Integer> src = new LocalQueue<>(8);
        for (int i = 0; i < 4; i++) {
            src.push(i, sink);
        }
        LocalQueue<Integer> halfFull = new LocalQueue<>(8);
        for (int i = 100; i < 104; i++) {
            halfFull.push(i, sink);
        }
        // 4 of 8 taken: room for half of a full queue is left, so it steals (2 of 4, one returned)
        assertEquals(1, src.stealer().stealInto(halfFull));
        assertEquals(5, halfFull.len());
        assertEquals(2, src.len());
        // now more than half full: no steal, and the source keeps its tasks
        assertNull(src.stealer().stealInto(halfFull));
        assertEquals(2, src.len());
        assertEquals(5, halfFull.len());
        assertTrue(sink.items.isEmpty());
    }

    @Test
    void stealTakesHalfRoundedUpAndReturnsOne() {
        LocalQueue<Integer> src = new LocalQueue<>(8);
        LocalQueue<Integer> dst = new LocalQueue<>(8);
        Sink sink = new Sink();
        for (int i = 0; i < 5; i++) {
            src.push(i, sink);
        }
        // 5 queued: steal 3 (0,1,2); 2 is returned, 0 and 1 land in dst
        assertEquals(2, src.stealer().stealInto(dst));
        assertEquals(2, dst.len());
        assertEquals(0, dst.pop());
        assertEquals(1, dst.pop());
        assertEquals(3, src.pop());
        assertEquals(4, src.pop());
        assertNull(src.stealer().stealInto(dst));
    }

    @Test
    void wrapsAroundManyTimes() {
        LocalQueue<Integer> q = new LocalQueue<>(4);
        LocalQueue<Integer> thief = new LocalQueue<>(4);
        Sink sink = new Sink();
        List<Integer> out = new ArrayList<>();
        int next = 0;
        for (int round = 0; round < 10_000; round++) {
            q.push(next++, sink);
            q.push(next++, sink);
            q.push(next++, sink);
            Integer s = q.stealer().stealInto(thief);
            out.add(s);
            Integer v;
            while ((v = thief.pop()) != null) {
                out.add(v);
            }
            while ((v = q.pop()) != null) {
                out.add(v);
            }
        }
        out.sort(null);
        Integer[] expected = new Integer[next];
        for (int i = 0; i < next; i++) {
            expected[i] = i;
        }
        assertArrayEquals(expected, out.toArray(new Integer[0]));
        assertTrue(sink.items.isEmpty());
    }

    @Test
    void capacityMustBeAPowerOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new LocalQueue<Integer>(6));
        assertThrows(IllegalArgumentException.class, () -> new LocalQueue<Integer>(1));
    }
}
