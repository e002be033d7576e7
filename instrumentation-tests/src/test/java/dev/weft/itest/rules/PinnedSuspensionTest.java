package dev.weft.itest.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Coroutine;
import dev.weft.Suspendable;
import dev.weft.SuspensionPinnedException;
import dev.weft.future.Awaitable;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A suspendable method reached through a frame that is not rewritten (here the JDK's
 * {@code forEach} calling a plain {@code Consumer}) must not unwind through that frame: its await
 * blocks the thread and the result is still right; with {@code verify} it fails with the stack.
 */
class PinnedSuspensionTest {
    @AfterEach
    void verifyOff() {
        System.clearProperty("weft.verify");
    }

    private static final ExecutorService COMPLETER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "pinned-test-completer");
        t.setDaemon(true);
        return t;
    });

    /**
     * A future that is pending at its first poll by construction and is completed by another
     * thread only after that poll: an await of it either suspends or blocks, whatever the machine's
     * speed.
     */
    static Awaitable<Integer> later(int v) {
        CompletableFuture<Integer> f = new CompletableFuture<>();
        return new Awaitable<>() {
            private boolean polled;

            @Override
            public Poll<Integer> poll(Waker waker) {
                if (!f.isDone()) {
                    f.whenComplete((x, t) -> waker.wake());
                    if (!polled) {
                        polled = true;
                        COMPLETER.execute(() -> f.complete(v));
                        return Poll.pending();
                    }
                    if (!f.isDone()) {
                        return Poll.pending();
                    }
                }
                return Poll.ready(f.join());
            }
        };
    }

    @Suspendable
    static int twice(int v) {
        return 2 * Async.await(later(v));
    }

    @Suspendable
    static List<Integer> throughForEach(List<Integer> in) {
        List<Integer> out = new ArrayList<>();
        in.forEach(v -> out.add(twice(v)));            // plain Consumer: not a suspendable lambda
        out.add(twice(100));                           // ordinary suspension point afterwards
        return out;
    }

    @Suspendable
    static int awaitInPlainLambda() {
        int[] box = new int[1];
        List.of(1, 2, 3).forEach(v -> box[0] += Async.await(later(v)));
        return box[0];
    }

    /** Polls until ready, waiting for a wake between polls (bounded only against a hang). */
    private static <T> T drive(Coroutine<T> c) throws InterruptedException {
        Semaphore woken = new Semaphore(0);
        Waker waker = woken::release;
        while (true) {
            Poll<T> p = c.poll(waker);
            if (p.isReady()) {
                return p.value();
            }
            if (!woken.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the coroutine was never woken");
            }
        }
    }

    @Test
    void awaitBehindAnUninstrumentedFrameBlocksAndStaysCorrect() throws Exception {
        Coroutine<List<Integer>> c = Coroutine.of(() -> throughForEach(List.of(1, 2, 3)));
        Poll<List<Integer>> first = c.poll(Waker.NOOP);
        // the forEach part cannot suspend (it blocks), so the first poll returns only at twice(100),
        // whose future is pending by construction: it must suspend there, pinning is over
        assertTrue(first.isPending(), "the await after the pinned frames suspended");
        assertEquals(List.of(2, 4, 6, 200), drive(c));
        assertEquals(6, Coroutine.blockOn(PinnedSuspensionTest::awaitInPlainLambda));
    }

    @Test
    void verifyTurnsPinningIntoAnErrorWithTheStack() {
        System.setProperty("weft.verify", "true");
        SuspensionPinnedException e = assertThrows(SuspensionPinnedException.class,
                () -> Coroutine.blockOn(() -> throughForEach(List.of(1))));
        assertTrue(e.getMessage().contains("twice(I)I' was called from a frame that is not instrumented"), e.getMessage());
        boolean forEachOnStack = false;
        for (StackTraceElement f : e.getStackTrace()) {
            forEachOnStack |= f.getMethodName().equals("forEach");
        }
        assertTrue(forEachOnStack, "the stack shows the uninstrumented frame");
        SuspensionPinnedException direct = assertThrows(SuspensionPinnedException.class,
                () -> Coroutine.blockOn(PinnedSuspensionTest::awaitInPlainLambda));
        assertTrue(direct.getMessage().contains("await was called from a method that is not instrumented"), direct.getMessage());
    }
}
