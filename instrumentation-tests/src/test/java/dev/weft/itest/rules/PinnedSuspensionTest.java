package dev.weft.itest.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Coroutine;
import dev.weft.Suspendable;
import dev.weft.SuspensionPinnedException;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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

    static CompletableFuture<Integer> later(int v) {
        return CompletableFuture.supplyAsync(() -> v, CompletableFuture.delayedExecutor(5, TimeUnit.MILLISECONDS));
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

    private static <T> T drive(Coroutine<T> c) throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            Poll<T> p = c.poll(Waker.NOOP);
            if (p.isReady()) {
                return p.value();
            }
            Thread.sleep(2);
        }
        throw new AssertionError("coroutine did not finish");
    }

    @Test
    void awaitBehindAnUninstrumentedFrameBlocksAndStaysCorrect() throws Exception {
        Coroutine<List<Integer>> c = Coroutine.of(() -> throughForEach(List.of(1, 2, 3)));
        Poll<List<Integer>> first = c.poll(Waker.NOOP);
        // the forEach part cannot suspend, so the first poll only suspends at twice(100)
        assertTrue(first.isPending());
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
