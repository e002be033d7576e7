package dev.weft.itest.shapes;

import dev.weft.Async;
import dev.weft.Coroutine;
import dev.weft.Suspendable;
import dev.weft.itest.harness.Differential;
import dev.weft.itest.harness.ShapeTest;
import dev.weft.itest.harness.Src;

/**
 * Awaiting a coroutine from a coroutine: a {@link Coroutine} is an awaitable, so the inner one
 * is polled by the outer's await and suspends the outer with it. (In plain mode the await polls
 * the inner coroutine on the test thread, which needs the agent too.)
 */
class NestedCoroutineTest extends ShapeTest {

    @Suspendable
    static int inner(int n) {
        int s = 0;
        for (int k = 0; k < n; k++) {
            s += Src.i(k);
        }
        return s;
    }

    @Differential @Suspendable
    static int awaitInnerCoroutine() {
        Coroutine<Integer> c = Coroutine.of(() -> inner(4));
        int before = Src.i(100);
        return before + Async.await(c);
    }

    @Differential @Suspendable
    static String innerCoroutineFailure() {
        Coroutine<String> c = Coroutine.of(() -> Src.fail(new IllegalStateException("inner failed")));
        try {
            return Async.await(c);
        } catch (IllegalStateException e) {
            return e.getMessage() + Src.i(1);
        }
    }
}
