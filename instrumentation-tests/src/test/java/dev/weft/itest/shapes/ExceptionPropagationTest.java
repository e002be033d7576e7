package dev.weft.itest.shapes;

import dev.weft.Async;
import dev.weft.Suspendable;
import dev.weft.itest.harness.Differential;
import dev.weft.itest.harness.ShapeTest;
import dev.weft.itest.harness.Src;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/** Exceptions thrown from an await and caught several suspendable frames up; checked ones too. */
class ExceptionPropagationTest extends ShapeTest {

    static final class CorpusException extends Exception {
        private static final long serialVersionUID = 1L;
        final int code;

        CorpusException(String message, int code) {
            super(message);
            this.code = code;
        }
    }

    @Suspendable
    static int level3(int v) throws CorpusException {
        Src.log("level3 " + v);
        if (v > 2) {
            return Src.fail(new CorpusException("too big: " + v, v));
        }
        return Src.i(v);
    }

    @Suspendable
    static int level2(int v) throws CorpusException {
        int a = Src.i(1);
        return a + level3(v) + Src.i(1);
    }

    @Suspendable
    static int level1(int v) throws CorpusException {
        long keep = Src.l(1L << 40);
        int r = level2(v);
        return r + (int) (keep >>> 40);
    }

    @Differential @Suspendable
    static String caughtThreeFramesUp() {
        try {
            return "ok " + level1(5);
        } catch (CorpusException e) {
            return "caught " + e.getMessage() + " code " + e.code;
        }
    }

    @Differential @Suspendable
    static String noExceptionPath() throws CorpusException {
        return "ok " + level1(2);
    }

    @Differential @Suspendable
    static int escapesToTheCaller() throws CorpusException {
        return level1(9);
    }

    @Suspendable
    static int recurseThenFail(int depth) throws IOException {
        if (depth == 0) {
            return Src.fail(new IOException("bottom"));
        }
        return Src.i(1) + recurseThenFail(depth - 1);
    }

    @Differential @Suspendable
    static String caughtTwentyFramesUp() {
        try {
            return "no " + recurseThenFail(20);
        } catch (IOException e) {
            return "caught " + e.getMessage();
        }
    }

    @Suspendable
    static int cleanupOnTheWayUp(int depth) throws TimeoutException {
        try {
            if (depth == 0) {
                Async.await(Src.failed(new TimeoutException("deadline")));
            }
            return cleanupOnTheWayUp(depth - 1) + Src.i(0);
        } finally {
            Src.note("unwound " + depth);
        }
    }

    @Differential @Suspendable
    static String finallyOnEveryLevelOnTheWayUp() {
        try {
            return "" + cleanupOnTheWayUp(5);
        } catch (TimeoutException e) {
            return "timeout " + e.getMessage();
        }
    }

    @Suspendable
    static int wrapAndRethrow(int v) {
        try {
            return level1(v);
        } catch (CorpusException e) {
            throw new IllegalStateException("wrapped", e);
        }
    }

    @Differential @Suspendable
    static String causeChainPreserved() {
        try {
            return "" + wrapAndRethrow(4);
        } catch (IllegalStateException e) {
            return e.getMessage() + " <- " + e.getCause().getMessage() + Src.s("!");
        }
    }

    @Differential @Suspendable
    static int runtimeExceptionFromArithmeticAfterAwait() {
        int zero = Src.i(0);
        return Src.i(10) / zero;
    }

    @Differential @Suspendable
    static String nullPointerAfterAwait() {
        String s = Src.s(null);
        try {
            return s.trim();
        } catch (NullPointerException e) {
            return "npe " + Src.i(1);
        }
    }

    @Differential @Suspendable
    static String failedAwaitableGate() {
        try {
            return Src.aw("fine") + Src.fail(new UnsupportedOperationException("nope"));
        } catch (UnsupportedOperationException e) {
            return Src.aw("caught ") + e.getMessage();
        }
    }
}
