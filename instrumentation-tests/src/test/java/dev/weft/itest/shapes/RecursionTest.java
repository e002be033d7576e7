package dev.weft.itest.shapes;

import dev.weft.Suspendable;
import dev.weft.itest.harness.Differential;
import dev.weft.itest.harness.ShapeTest;
import dev.weft.itest.harness.Src;

/** Deep recursion (1,000 frames) with an await at every level, mutual and wide-typed recursion. */
class RecursionTest extends ShapeTest {

    @Suspendable
    static int sumDown(int n) {
        if (n == 0) {
            return Src.i(0);
        }
        int here = Src.i(n);
        return here + sumDown(n - 1);
    }

    @Differential @Suspendable
    static int thousandDeep() {
        return sumDown(1000);
    }

    @Suspendable
    static long longAccumulator(int n, long acc, double scale) {
        if (n == 0) {
            return acc + (long) scale;
        }
        long next = acc * 31 + Src.l(n);
        return longAccumulator(n - 1, next, scale + Src.d(0.5));
    }

    @Differential @Suspendable
    static long thousandDeepWideParameters() {
        return longAccumulator(1000, 7L, 0.25);
    }

    @Suspendable
    static boolean isEven(int n) {
        return n == 0 ? Src.z(true) : isOdd(Src.i(n) - 1);
    }

    @Suspendable
    static boolean isOdd(int n) {
        return n == 0 ? Src.z(false) : isEven(Src.i(n) - 1);
    }

    @Differential @Suspendable
    static String mutualRecursion() {
        return isEven(501) + " " + isOdd(300);
    }

    @Suspendable
    static int fib(int n) {
        if (n < 2) {
            return Src.i(n);
        }
        return fib(n - 1) + fib(n - 2);
    }

    @Differential @Suspendable
    static int treeRecursion() {
        return fib(12);
    }

    @Suspendable
    static int deepThenFail(int n) {
        if (n == 0) {
            return Src.fail(new IllegalStateException("bottom of 1000"));
        }
        Src.pause();
        return deepThenFail(n - 1) + 1;
    }

    @Differential @Suspendable
    static String thousandDeepFailureCaughtAtTheTop() {
        try {
            return "no " + deepThenFail(1000);
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }

    @Suspendable
    static String buildString(int n, String acc) {
        if (n == 0) {
            return acc;
        }
        return buildString(n - 1, acc + Src.c((char) ('a' + n % 26)));
    }

    @Differential @Suspendable
    static int deepWithObjectAccumulator() {
        return buildString(600, "").hashCode();
    }

    final int base;

    RecursionTest() {
        this.base = 3;
    }

    @Suspendable
    int instanceRecursion(int n) {
        return n == 0 ? Src.i(base) : Src.i(1) + this.instanceRecursion(n - 1);
    }

    @Differential @Suspendable
    int thousandDeepInstance() {
        return instanceRecursion(1000);
    }
}
