package dev.weft.itest.shapes;

import dev.weft.Suspendable;
import dev.weft.itest.harness.Differential;
import dev.weft.itest.harness.ShapeTest;
import dev.weft.itest.harness.Src;

/**
 * Ternaries and short-circuit {@code &&}/{@code ||} around awaits: the await runs on one path
 * only, and the operand stack at the merge differs by path.
 */
class ConditionalTest extends ShapeTest {

    @Differential @Suspendable
    static int ternaryAwaitInBothArms() {
        int s = 0;
        for (int k = 0; k < 4; k++) {
            s += k % 2 == 0 ? Src.i(k) : Src.i(-k) * 10;
        }
        return s;
    }

    @Differential @Suspendable
    static String ternaryAwaitInCondition() {
        return Src.z(true) ? "yes" + Src.i(1) : "no";
    }

    @Differential @Suspendable
    static int ternaryOperandBelowAwait() {
        int base = 100;
        return base + (Src.z(false) ? 1 : Src.i(2)) * 3;
    }

    @Differential @Suspendable
    static String shortCircuitAndSkipsAwait() {
        int n = 0;
        String out = "";
        for (int k = 0; k < 4; k++) {
            if (k > 1 && Src.z(k % 2 == 0)) {
                out += "A" + k;
            }
            if (k < 1 || Src.i(k) == 3) {
                out += "B" + k;
            }
        }
        return out + n;
    }

    @Differential @Suspendable
    static boolean chainedConditions() {
        return (Src.z(true) && Src.i(2) > 1) || (Src.z(false) && Src.s("x").isEmpty()) || !Src.z(true);
    }

    @Differential @Suspendable
    static String nestedTernaries() {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 5; k++) {
            sb.append(k < 2 ? (k == 0 ? Src.s("zero") : Src.s("one")) : (k == 2 ? "two" : Src.s("many" + k)));
            sb.append(',');
        }
        return sb.toString();
    }

    @Differential @Suspendable
    static double ternaryWithNumericPromotion() {
        int a = Src.i(3);
        long b = Src.l(4);
        double r = Src.z(true) ? a : Src.d(0.5);
        long q = Src.z(false) ? a : b;
        return r + q;
    }

    @Differential @Suspendable
    static String conditionAssignedToBooleanLocal() {
        boolean big = Src.i(10) > 5 && Src.l(1) < 2;
        boolean any = Src.z(false) | Src.z(true);
        return big + " " + any;
    }

    @Differential @Suspendable
    static Object ternaryMixedReferenceTypes() {
        Object o = Src.z(true) ? Src.s("str") : Integer.valueOf(Src.i(3));
        CharSequence cs = Src.z(false) ? Src.s("a") : new StringBuilder(Src.s("b"));
        return o + " " + cs;
    }

    @Differential @Suspendable
    static int whileConditionWithShortCircuit() {
        int k = 0;
        while (k < 10 && Src.i(k) != 6) {
            k++;
        }
        return k;
    }
}
