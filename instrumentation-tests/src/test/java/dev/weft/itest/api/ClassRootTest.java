package dev.weft.itest.api;

import static dev.weft.Async.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.AsyncCallable;
import dev.weft.Coroutine;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A coroutine whose body is a class (an anonymous class, a named one, a generated invoker) rather
 * than a lambda suspends at its awaits: the root call is armed for the body itself, so its
 * rewritten {@code call()} does not mistake the coroutine for a pass-through frame and pin.
 */
class ClassRootTest {
    /** A named body class, rewritten because its {@code call()} overrides a suspendable method. */
    static final class Named implements AsyncCallable<String> {
        private final CompletableFuture<String> gate;
        final AtomicInteger entries = new AtomicInteger();

        Named(CompletableFuture<String> gate) {
            this.gate = gate;
        }

        @Override
        public String call() {
            entries.incrementAndGet();
            return await(gate) + "!";
        }
    }

    @Test
    void aNamedClassBodySuspendsAndResumes() {
        CompletableFuture<String> gate = new CompletableFuture<>();   // pending by construction
        Named body = new Named(gate);
        Coroutine<String> co = Coroutine.of(body);
        // a pinned await would block this thread on the gate: the timeout only guards a hang
        Poll<String> first = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> co.poll(Waker.NOOP));
        assertTrue(first.isPending(), "the await suspended the coroutine");
        gate.complete("done");
        Poll<String> second = co.poll(Waker.NOOP);
        assertTrue(second.isReady());
        assertEquals("done!", second.value());
        assertEquals(1, body.entries.get(), "code before the await ran once: the resume jumped back to it");
    }

    @Test
    void anAnonymousClassBodySuspendsAndResumes() {
        CompletableFuture<Integer> gate = new CompletableFuture<>();
        Coroutine<Integer> co = Coroutine.of(new AsyncCallable<>() {
            @Override
            public Integer call() {
                return await(gate) * 2;
            }
        });
        Poll<Integer> first = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> co.poll(Waker.NOOP));
        assertTrue(first.isPending(), "the await suspended the coroutine");
        gate.complete(21);
        assertEquals(42, co.poll(Waker.NOOP).value());
    }
}
