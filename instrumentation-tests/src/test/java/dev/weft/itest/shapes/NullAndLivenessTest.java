package dev.weft.itest.shapes;

import dev.weft.Suspendable;
import dev.weft.itest.harness.Differential;
import dev.weft.itest.harness.ShapeTest;
import dev.weft.itest.harness.Src;

/**
 * Null-typed locals across awaits (the verifier's "null" type), locals that are dead vs live at a
 * suspension point, and locals whose type differs on the paths that merge before an await.
 */
class NullAndLivenessTest extends ShapeTest {

    @Differential @Suspendable
    static String nullLocalAcrossAwait() {
        String s = null;
        Object o = null;
        int[] a = null;
        Src.pause();
        return s + " " + o + " " + (a == null) + Src.i(1);
    }

    @Differential @Suspendable
    static String nullThenAssignedAfterAwait() {
        String s = null;
        for (int k = 0; k < 3; k++) {
            Src.pause();
            s = (s == null ? "" : s) + Src.s("" + k);
        }
        return s;
    }

    @Differential @Suspendable
    static String nullOnlyOnOnePath() {
        String out = "";
        for (int k = 0; k < 4; k++) {
            String s = (k % 2 == 0) ? null : "odd" + k;
            Src.pause();
            out += s + ";";
        }
        return out;
    }

    @Differential @Suspendable
    static int deadLocalsAtAwait() {
        int dead1 = Src.i(1000);
        long dead2 = dead1 * 2L;
        String dead3 = "x" + dead2;
        Src.log(dead3);
        int live = Src.i(5);
        int r = live + Src.i(6);
        return r;
    }

    @Differential @Suspendable
    static int liveOnlyOnOneBranch() {
        int r = 0;
        for (int k = 0; k < 4; k++) {
            int onlyEven = k * 100;
            if (k % 2 == 0) {
                r += Src.i(1) + onlyEven;
            } else {
                r += Src.i(2);
            }
        }
        return r;
    }

    @Differential @Suspendable
    static Object mergedReferenceTypes() {
        Object o;
        if (Src.z(true)) {
            o = new StringBuilder("sb");
        } else {
            o = Integer.valueOf(1);
        }
        Src.pause();
        CharSequence cs = Src.z(false) ? "str" : new StringBuilder("b2");
        Src.pause();
        return o.toString() + cs.length();
    }

    @Differential @Suspendable
    static String uninitializedOnSomePaths() {
        String s;
        int k = Src.i(3);
        if (k > 2) {
            s = "big";
        } else {
            s = "small";
        }
        Src.pause();
        String t;
        if (k > 10) {
            t = "never";
            return t;
        }
        Src.pause();
        return s;
    }

    @Differential @Suspendable
    static String nullArgumentsToSuspendableCall() {
        return join(null, Src.s(null), null) + join("a", null, Src.obj(null));
    }

    @Suspendable
    static String join(String a, String b, Object c) {
        Src.pause();
        return a + "|" + b + "|" + c + ";";
    }

    @Differential @Suspendable
    static String nullReturnedFromSuspendable() {
        Object o = maybeNull(true);
        Object p = maybeNull(false);
        return o + " " + p;
    }

    @Suspendable
    static Object maybeNull(boolean n) {
        Object r = Src.obj(n ? null : "value");
        return r;
    }
}
