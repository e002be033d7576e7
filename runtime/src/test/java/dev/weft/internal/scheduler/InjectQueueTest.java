package dev.weft.internal.scheduler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link InjectQueue} on one thread; {@code InjectQueueLincheckTest} checks it under races. */
class InjectQueueTest {
    @Test
    void popTakesTheOldestAndAnEmptyQueuePopsNull() {
        InjectQueue<String> q = new InjectQueue<>();
        assertNull(q.pop());
        q.push("a");
        q.push("b");
        assertEquals(2, q.len());
        assertEquals("a", q.pop());
        assertEquals("b", q.pop());
        assertNull(q.pop());
        assertTrue(q.isEmpty());
    }

    @Test
    void popBatchTakesAtMostItsLimitOldestFirst() {
        InjectQueue<String> q = new InjectQueue<>();
        Object[] out = new Object[4];
        assertEquals(0, q.popBatch(out, 4));
        q.pushBatch(new Object[] {"a", "b", "c"});
        assertEquals(2, q.popBatch(out, 2));
        assertArrayEquals(new Object[] {"a", "b", null, null}, out);
        assertEquals(1, q.len());
        assertEquals(1, q.popBatch(out, 4));
        assertEquals("c", out[0]);
        assertEquals(0, q.len());
    }
}
