package dev.weft.itest.shapes;

import dev.weft.Suspendable;
import dev.weft.itest.harness.Differential;
import dev.weft.itest.harness.ShapeTest;
import dev.weft.itest.harness.Src;
import java.util.Arrays;

/** Varargs calls: the implicit array is built on the operand stack while its elements await. */
class VarargsTest extends ShapeTest {

    @Suspendable
    static int sum(int... xs) {
        int s = 0;
        for (int x : xs) {
            s += Src.i(x);
        }
        return s;
    }

    @Suspendable
    static String join(String sep, Object... parts) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < parts.length; k++) {
            if (k > 0) {
                sb.append(Src.s(sep));
            }
            sb.append(parts[k]);
        }
        return sb.toString();
    }

    @Suspendable
    static long wide(long first, double... rest) {
        double s = first;
        for (double d : rest) {
            s += Src.d(d);
        }
        return (long) s;
    }

    @Differential @Suspendable
    static int awaitsInsideVarargs() {
        return sum(1, Src.i(2), 3, Src.i(4)) + sum() + sum(Src.i(10));
    }

    @Differential @Suspendable
    static String objectVarargsWithNullsAndAwaits() {
        return join(",", "a", Src.obj(null), Src.i(3), Src.s("d"), 5L) + join("-") + join(Src.s("+"), (Object) null);
    }

    @Differential @Suspendable
    static long wideVarargs() {
        return wide(Src.l(1L << 40), 0.5, Src.d(1.5), 2) + wide(3);
    }

    @Differential @Suspendable
    static String explicitArrayPassedAsVarargs() {
        Object[] parts = {Src.s("x"), Src.s("y")};
        return join(":", parts) + join(":", (Object) parts).startsWith("[Ljava.lang.Object;@");
    }

    @Differential @Suspendable
    static String jdkVarargsWithAwaits() {
        return String.format("%s-%d-%.2f", Src.s("f"), Src.i(7), Src.d(2.5)) + Arrays.asList(Src.i(1), 2, Src.i(3));
    }
}
