package dev.weft.examples.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class HelloWeftTest {
    /**
     * A word that arrives only once its await has registered a callback: pending by
     * construction when it is first polled, however slowly the machine runs.
     */
    static CompletableFuture<String> afterItIsAwaited(String word, long ignoredPause) {
        CompletableFuture<String> f = new CompletableFuture<>();
        Thread completer = new Thread(() -> {
            while (f.getNumberOfDependents() == 0) {
                LockSupport.parkNanos(100_000);
            }
            f.complete(word);
        }, "word-" + word);
        completer.setDaemon(true);
        completer.start();
        return f;
    }

    @Test
    void bothCoroutinesSuspendAndResumeWithTheirLocals() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new HelloWeft(new PrintStream(bytes, true, StandardCharsets.UTF_8), HelloWeftTest::afterItIsAwaited).run();
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals("built two coroutines; nothing has run yet", lines.get(0));
        assertTrue(lines.contains("done: A said 'Hello from a coroutine' in 4 steps"), lines::toString);
        assertTrue(lines.contains("done: B said 'Hello from a coroutine' in 4 steps"), lines::toString);
        assertEquals(8, lines.stream().filter(l -> l.startsWith("suspended:")).count(), lines::toString);
        assertTrue(lines.contains("  A resumed on main after step 4: Hello from a coroutine "), lines::toString);
    }
}
