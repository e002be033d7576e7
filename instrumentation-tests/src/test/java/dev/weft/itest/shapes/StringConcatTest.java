package dev.weft.itest.shapes;

import dev.weft.Suspendable;
import dev.weft.itest.harness.Differential;
import dev.weft.itest.harness.ShapeTest;
import dev.weft.itest.harness.Src;

/**
 * String concatenation compiled to invokedynamic (makeConcatWithConstants): the values already
 * evaluated sit on the operand stack when the await in the middle suspends.
 */
class StringConcatTest extends ShapeTest {

    @Differential @Suspendable
    static String awaitInTheMiddle() {
        String a = "left";
        return a + "-" + Src.s("mid") + "-" + a.length();
    }

    @Differential @Suspendable
    static String everyTypeInOneConcat() {
        long l = 1L << 40;
        double d = 0.125;
        return "z" + Src.z(true) + 'c' + Src.c('h') + (byte) 1 + Src.b((byte) 2) + (short) 3 + Src.sh((short) 4) + 5
                + Src.i(6) + l + Src.l(7) + 8.5f + Src.f(9.5f) + d + Src.d(10.25) + null + Src.obj(null) + Src.obj(new StringBuilder("sb"));
    }

    @Differential @Suspendable
    static String manyArguments() {
        int x = 1;
        return x + "," + Src.i(2) + "," + Src.i(3) + "," + Src.i(4) + "," + x + "," + Src.i(5) + "," + Src.i(6) + ","
                + Src.i(7) + "," + Src.i(8) + "," + Src.i(9) + "," + Src.i(10) + "," + Src.i(11) + "," + Src.i(12);
    }

    @Differential @Suspendable
    static String compoundConcatInLoop() {
        String s = "";
        for (int k = 0; k < 5; k++) {
            s += Src.s("<") + k + Src.c('>');
        }
        return s;
    }

    @Differential @Suspendable
    static String nestedConcatAsArgument() {
        return wrap("[" + Src.s("a") + wrap(Src.s("b") + "c") + "]") + Src.i(1);
    }

    @Suspendable
    static String wrap(String s) {
        return "(" + Src.s(s) + ")";
    }

    @Differential @Suspendable
    static String concatWithTernaryAwait() {
        int k = Src.i(2);
        return "k=" + (k > 1 ? Src.s("big") : "small") + ";" + (k < 1 ? Src.s("neg") : "pos");
    }

    @Differential @Suspendable
    static String concatConstantsOnly() {
        final String c = "const";
        return c + "+" + Src.s("x") + "\u0001\u0002" + c;
    }

    @Differential @Suspendable
    static String stringBuilderChain() {
        return new StringBuilder().append(Src.i(1)).append('-').append(Src.s("two")).append(Src.d(3.0)).reverse().toString();
    }
}
