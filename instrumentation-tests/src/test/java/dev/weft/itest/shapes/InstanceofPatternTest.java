package dev.weft.itest.shapes;

import dev.weft.Suspendable;
import dev.weft.itest.harness.Differential;
import dev.weft.itest.harness.ShapeTest;
import dev.weft.itest.harness.Src;

/** Java 16 {@code instanceof} patterns: the binding is a local that must survive an await. */
class InstanceofPatternTest extends ShapeTest {

    @Suspendable
    static String classify(Object o) {
        if (o instanceof String s) {
            Src.pause();
            return "string " + s.length() + Src.s(s);
        } else if (o instanceof Integer i && i > Src.i(10)) {
            return "big int " + (i + Src.i(1));
        } else if (o instanceof Integer i) {
            return "small int " + i;
        } else if (o instanceof long[] arr) {
            long sum = 0;
            for (long v : arr) {
                sum += Src.l(v);
            }
            return "longs " + sum;
        }
        return "other " + o;
    }

    @Differential @Suspendable
    static String patternsAcrossAwaits() {
        StringBuilder sb = new StringBuilder();
        for (Object o : new Object[] {"abc", 42, 3, new long[] {1L << 40, 2}, null, 1.5}) {
            sb.append(classify(Src.obj(o))).append("; ");
        }
        return sb.toString();
    }

    @Differential @Suspendable
    static String negatedPatternWithEarlyReturn() {
        Object o = Src.obj("pattern");
        if (!(o instanceof String s)) {
            return "not a string";
        }
        Src.pause();
        return s.toUpperCase() + Src.i(s.length());
    }

    @Differential @Suspendable
    static int patternInLoopCondition() {
        Object[] items = {"a", "bb", "ccc", 4, "dddd"};
        int k = 0;
        int total = 0;
        while (k < items.length && Src.obj(items[k]) instanceof String str) {
            total += Src.i(str.length());
            k++;
        }
        return total * 10 + k;
    }

    @Differential @Suspendable
    static String patternInTernary() {
        Object o = Src.obj(new StringBuilder("sb"));
        return o instanceof CharSequence cs ? "cs " + cs.length() + Src.s("") : "no";
    }
}
