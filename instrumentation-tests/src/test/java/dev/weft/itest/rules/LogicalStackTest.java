package dev.weft.itest.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Coroutine;
import dev.weft.Suspendable;
import dev.weft.Task;
import dev.weft.future.Waker;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A suspended coroutine knows its logical stack: every frame that will be re-entered, with lines. */
class LogicalStackTest {
    private final CompletableFuture<String> gate = new CompletableFuture<>();

    @Suspendable
    String outer() {
        return "<" + middle() + ">";
    }

    @Suspendable
    String middle() {
        return inner().toUpperCase();
    }

    @Suspendable
    String inner() {
        return Async.await(gate);
    }

    @Test
    void suspendedFramesAreListedInnermostFirstWithTheirLines() {
        Coroutine<String> c = Coroutine.of(this::outer);
        assertTrue(c.poll(Waker.NOOP).isPending());
        List<StackTraceElement> stack = c.suspendedStack();
        List<String> methods = stack.stream().map(StackTraceElement::getMethodName).toList();
        assertEquals(List.of("inner", "middle", "outer"), methods.subList(0, 3), stack::toString);
        for (StackTraceElement e : stack.subList(0, 3)) {
            assertEquals(LogicalStackTest.class.getName(), e.getClassName());
            assertEquals("LogicalStackTest.java", e.getFileName());
            assertTrue(e.getLineNumber() > 0);
        }
        gate.complete("x");
        assertEquals("<X>", c.poll(Waker.NOOP).value());
        assertTrue(c.suspendedStack().isEmpty());
    }

    @Suspendable
    int yieldTwice() {
        Task.yieldNow();
        Task.yieldNow();
        return 2;
    }

    /** A yield is a leaf like await: only the caller's frame is saved, none for yieldNow itself. */
    @Test
    void aYieldSuspendsOnlyTheCallersFrame() {
        Coroutine<Integer> c = Coroutine.of(this::yieldTwice);
        for (int yields = 0; yields < 2; yields++) {
            assertTrue(c.poll(Waker.NOOP).isPending(), "yield " + yields + " did not suspend");
            List<String> methods = c.suspendedStack().stream().map(StackTraceElement::getMethodName).toList();
            assertEquals("yieldTwice", methods.get(0), methods::toString);
            assertTrue(methods.stream().noneMatch("yieldNow"::equals), methods::toString);
        }
        assertEquals(2, c.poll(Waker.NOOP).value(), "each resumed yield returns, and only once");
    }
}
