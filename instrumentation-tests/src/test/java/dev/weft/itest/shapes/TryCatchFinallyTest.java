package dev.weft.itest.shapes;

import dev.weft.Async;
import dev.weft.Suspendable;
import dev.weft.itest.harness.Differential;
import dev.weft.itest.harness.ShapeTest;
import dev.weft.itest.harness.Src;
import java.io.IOException;

/**
 * try/catch/finally with suspension in the try block, in the catch block and in the finally block,
 * nested, with return from inside try, rethrow, and multi-catch. (Unwinding on suspension must
 * not run the finally code javac copied before each exit.)
 */
class TryCatchFinallyTest extends ShapeTest {

    @Differential @Suspendable
    static int awaitInTry() {
        int r = 0;
        try {
            r = Src.i(1) + Src.i(2);
            Src.log("try done");
        } catch (RuntimeException e) {
            r = -1;
        }
        return r;
    }

    @Differential @Suspendable
    static String failInTryAwaitInCatch() {
        try {
            Src.log("before");
            Src.fail(new IllegalStateException("boom"));
            Src.log("not reached");
            return "no";
        } catch (IllegalStateException e) {
            return Src.s("caught ") + e.getMessage() + Src.i(7);
        }
    }

    @Differential @Suspendable
    static int awaitInFinallyAfterNormalTry() {
        int r = 1;
        try {
            r += Src.i(10);
        } finally {
            Src.log("finally " + r);
            r += Src.i(100);
        }
        return r;
    }

    @Differential @Suspendable
    static int returnFromTryWithSuspendingFinally() {
        int[] box = {0};
        try {
            box[0] = Src.i(5);
            return box[0];
        } finally {
            Src.note("finally sees " + box[0]);
            box[0] = 99; // does not change the returned value
        }
    }

    @Differential @Suspendable
    static String finallyAfterThrowAwaits() {
        try {
            try {
                Src.log("inner try");
                throw new IllegalArgumentException("from inner " + Src.i(3));
            } finally {
                Src.log("inner finally " + Src.s("x"));
            }
        } catch (IllegalArgumentException e) {
            return "outer caught " + e.getMessage();
        }
    }

    @Differential @Suspendable
    static String nestedThreeLevels() {
        StringBuilder sb = new StringBuilder();
        try {
            sb.append(Src.s("a"));
            try {
                sb.append(Src.s("b"));
                try {
                    sb.append(Src.s("c"));
                    Src.raise(new IOException("io"));
                } finally {
                    sb.append(Src.s("F3"));
                }
            } catch (IOException e) {
                sb.append(Src.s("C2:")).append(e.getMessage());
                throw new IllegalStateException(sb.toString());
            } finally {
                sb.append(Src.s("F2"));
            }
        } catch (IllegalStateException e) {
            sb.append("|C1:").append(Src.s(e.getMessage()));
        } finally {
            sb.append(Src.s("|F1"));
        }
        return sb.toString();
    }

    @Differential @Suspendable
    static int rethrowFromCatchPropagates() throws Exception {
        try {
            Src.raise(new IOException("disk"));
            return 0;
        } catch (IOException e) {
            Src.log("rethrowing " + Src.i(1));
            throw e;
        }
    }

    @Differential @Suspendable
    static String multiCatch() {
        String out = "";
        for (int k = 0; k < 3; k++) {
            try {
                switch (Src.i(k)) {
                    case 0: Src.fail(new IllegalStateException("s")); break;
                    case 1: Src.fail(new UnsupportedOperationException("u")); break;
                    default: Src.fail(new ArithmeticException("a")); break;
                }
            } catch (IllegalStateException | UnsupportedOperationException e) {
                out += "[multi " + Src.s(e.getMessage()) + "]";
            } catch (RuntimeException e) {
                out += "[rt " + Src.s(e.getMessage()) + "]";
            }
        }
        return out;
    }

    @Differential @Suspendable
    static int catchInLoopContinues() {
        int ok = 0;
        for (int k = 0; k < 6; k++) {
            try {
                if (k % 2 == 1) {
                    Src.fail(new RuntimeException("odd " + k));
                }
                ok += Src.i(k);
            } catch (RuntimeException e) {
                Src.log(e.getMessage());
                continue;
            } finally {
                Src.pause();
                Src.log("finally " + k);
            }
            Src.log("after try " + k);
        }
        return ok;
    }

    @Differential @Suspendable
    static long liveLongAcrossCatch() {
        long big = Src.l(0x1234_5678_9ABCL);
        double d = Src.d(2.5);
        try {
            Src.fail(new IllegalStateException());
        } catch (IllegalStateException e) {
            big += Src.l(1);
            d *= Src.d(2);
        }
        return big + (long) d;
    }

    @Differential @Suspendable
    static String exceptionFromRawFutureCaught() {
        try {
            return Async.await(Src.<String>failed(new IOException("raw")));
        } catch (Exception e) { // await rethrows the checked IOException undeclared
            return "raw caught: " + e.getClass().getSimpleName() + " " + e.getMessage();
        }
    }

    @Differential @Suspendable
    static String breakOutOfTryFinally() {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; ; k++) {
            try {
                if (Src.i(k) == 2) {
                    break;
                }
                sb.append(k);
            } finally {
                sb.append(Src.c('f'));
            }
        }
        return sb.toString();
    }

    @Differential @Suspendable
    static String exceptionReplacedInFinally() {
        try {
            try {
                Src.fail(new IllegalStateException("first"));
            } finally {
                Src.pause();
                if (Src.z(true)) {
                    throw new IllegalArgumentException("second");
                }
            }
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ":" + e.getMessage();
        }
        return "none";
    }

    @Differential @Suspendable
    static String awaitInCatchThenFinallyThenEscape() {
        try {
            Src.fail(new IllegalStateException("x"));
        } catch (IllegalStateException e) {
            Src.log("catch " + Src.i(1));
            throw new UnsupportedOperationException("escaped after " + Src.s(e.getMessage()));
        } finally {
            Src.note("finally runs once");
        }
        return "unreachable in practice";
    }

    @Differential @Suspendable
    static int catchThrowableAndError() {
        try {
            Src.fail(new AssertionError("err"));
            return 0;
        } catch (Throwable t) {
            return Src.i(t.getMessage().length());
        }
    }
}
