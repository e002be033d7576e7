package app;

import static dev.weft.Async.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Coroutine;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class PipelineTest {
    @Test
    void awaitSuspendsWithoutTheAgent() {
        assertNull(System.getProperty("weft.agent.attached"), "no -javaagent in this build");
        CompletableFuture<Integer> input = new CompletableFuture<>();
        Coroutine<Integer> c = Coroutine.of(() -> Pipeline.plusOne(input));
        assertTrue(c.poll(Waker.NOOP).isPending(), "pending by construction: the input is not complete");
        input.complete(1);
        Poll<Integer> p = c.poll(Waker.NOOP);
        assertEquals(2, p.value());
    }

    @Test
    void lambdaInTestClassSuspends() {
        // the test classes are rewritten too (instrument-tests)
        CompletableFuture<String> input = new CompletableFuture<>();
        Coroutine<String> c = Coroutine.of(() -> await(input).toUpperCase());
        assertTrue(c.poll(Waker.NOOP).isPending());
        input.complete("weft");
        assertEquals("WEFT", c.poll(Waker.NOOP).value());
    }

    @Test
    void runtimeTasksJoinAndSleepSuspend() throws Exception {
        // one worker thread: a join or sleep that blocked instead of suspending would throw under weft.verify
        assertEquals(42, Pipeline.onRuntime());
    }
}
