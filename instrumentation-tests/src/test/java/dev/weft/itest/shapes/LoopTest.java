package dev.weft.itest.shapes;

import dev.weft.Async;
import dev.weft.Suspendable;
import dev.weft.itest.harness.Differential;
import dev.weft.itest.harness.ShapeTest;
import dev.weft.itest.harness.Src;
import java.util.List;

/** Loops with awaits in the condition, the body, the update, and around break/continue. */
class LoopTest extends ShapeTest {

    @Differential @Suspendable
    static int forSum() {
        int s = 0;
        for (int k = 0; k < 6; k++) {
            s += Src.i(k);
            Src.log("k=" + k + " s=" + s);
        }
        return s;
    }

    @Differential @Suspendable
    static int forAwaitInConditionAndUpdate() {
        int s = 0;
        for (int k = Src.i(0); k < Src.i(5); k += Src.i(2)) {
            s = s * 10 + k;
        }
        return s;
    }

    @Differential @Suspendable
    static long whileLongCounter() {
        long n = Src.l(1L << 33);
        int steps = 0;
        while (n > 1) {
            n = (n & 1) == 0 ? n / Src.l(2) : 3 * n + 1;
            steps++;
        }
        return n * 1000 + steps;
    }

    @Differential @Suspendable
    static String doWhile() {
        StringBuilder sb = new StringBuilder();
        int k = 0;
        do {
            sb.append(Src.c((char) ('a' + k)));
            k++;
        } while (Src.z(k < 5));
        return sb.toString();
    }

    @Differential @Suspendable
    static int labeledBreak() {
        int found = -1;
        outer:
        for (int r = 0; r < 5; r++) {
            for (int c = 0; c < 5; c++) {
                if (Src.i(r * c) == 6) {
                    found = r * 10 + c;
                    break outer;
                }
                Src.log(r + "," + c);
            }
        }
        return found;
    }

    @Differential @Suspendable
    static int labeledContinue() {
        int s = 0;
        outer:
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                if (c > r) {
                    Src.pause();
                    continue outer;
                }
                s += Src.i(c + r);
            }
            Src.log("row done " + r);
        }
        return s;
    }

    @Differential @Suspendable
    static int enhancedForOverList() {
        int s = 0;
        for (String w : List.of("alpha", "be", "gam")) {
            s += Src.s(w).length();
            Src.log(w);
        }
        return s;
    }

    @Differential @Suspendable
    static double enhancedForOverArray() {
        double[] xs = {1.5, 2.25, -3.0};
        double s = 0;
        for (double x : xs) {
            s += Src.d(x) * 2;
        }
        return s;
    }

    @Differential @Suspendable
    static int nestedLoopsWithRawFutures() {
        int s = 0;
        for (int a = 0; a < 3; a++) {
            int b = 0;
            while (b < 3) {
                s += Async.await(Src.future(a * b));
                b++;
            }
        }
        return s;
    }

    @Differential @Suspendable
    static int whileTrueWithBreak() {
        int k = 0;
        while (true) {
            k += Src.i(3);
            if (k > 10) {
                break;
            }
            Src.log("k " + k);
        }
        return k;
    }

    @Differential @Suspendable
    static int loopWithEarlyReturn() {
        for (int k = 0; k < 100; k++) {
            if (Src.i(k) * k > 30) {
                return k;
            }
        }
        return -1;
    }

    @Differential @Suspendable
    static String loopOverAwaitedObjects() {
        String acc = "";
        Object[] items = {1, "two", 3.0, null, 'c'};
        for (int k = 0; k < items.length; k++) {
            Object o = Src.obj(items[k]);
            acc += o + ";";
        }
        return acc;
    }

    @Differential @Suspendable
    static int continueInDoWhile() {
        int k = 0;
        int s = 0;
        do {
            k++;
            if (Src.i(k) % 2 == 0) {
                continue;
            }
            s += k;
        } while (k < 9);
        return s;
    }
}
