package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Coroutine;
import dev.weft.future.Waker;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class DoublerTest {
    @Test
    void rewrittenByTheCommandLineSuspendsWithoutTheAgent() throws Exception {
        assertNull(System.getProperty("weft.agent.attached"), "no -javaagent in this build");
        CompletableFuture<Integer> input = new CompletableFuture<>();
        Coroutine<Integer> c = Coroutine.of(() -> Doubler.twice(input));
        assertTrue(c.poll(Waker.NOOP).isPending(), "pending by construction: the input is not complete");
        input.complete(5);
        assertEquals(10, c.poll(Waker.NOOP).value());
        assertEquals(42, Doubler.spawned());
    }
}
