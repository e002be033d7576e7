package dev.weft.itest.shapes;

import dev.weft.Suspendable;
import dev.weft.itest.harness.Differential;
import dev.weft.itest.harness.ShapeTest;
import dev.weft.itest.harness.Src;

/**
 * Values on the operand stack below a suspendable call: {@code a + Src.i(b) * c}, receivers and
 * earlier arguments, {@code obj.field += Src.i(1)}, {@code x++ + Src.i(x)}, long/double below the
 * call, and calls nested in each other's arguments.
 */
class OperandStackTest extends ShapeTest {

    int field = 5;
    long wideField = 1L << 40;
    static final double staticField = 0.5;
    OperandStackTest next;

    @Differential @Suspendable
    static int arithmeticAroundAwait() {
        int a = 3;
        int b = 4;
        int c = 5;
        return a + Src.i(b) * c - (a << Src.i(2));
    }

    @Differential @Suspendable
    static long longBelowTheCall() {
        long a = 1L << 45;
        return a + Src.l(7) * (a - Src.i(1));
    }

    @Differential @Suspendable
    static double doubleBelowTheCall() {
        double x = 1.5;
        return x * (x + Src.d(2.5)) / Src.f(0.5f) + Src.l(3);
    }

    @Differential @Suspendable
    int instanceFieldCompound() {
        this.field += Src.i(10);
        this.field *= Src.i(2);
        this.wideField -= Src.l(1);
        return field + (int) (wideField & 0xFF);
    }

    @Differential @Suspendable
    static double staticFieldBelowTheCall() {
        // read only: four random-mode instances run at once, so static fields must not be written
        return staticField * Src.d(3) + staticField / Src.i(4);
    }

    @Differential @Suspendable
    int fieldOfOtherObjectCompound() {
        next = new OperandStackTest();
        next.field += Src.i(1) + Src.i(2);
        next.next = this;
        next.next.field -= Src.i(5);
        return next.field * 100 + field;
    }

    @Differential @Suspendable
    static int postIncrementBeforeAwait() {
        int x = 1;
        int y = x++ + Src.i(x) + ++x + Src.i(x);
        return x * 100 + y;
    }

    @Differential @Suspendable
    static int nestedCallsInArguments() {
        return Src.i(Src.i(Src.i(1) + 1) * Src.i(3)) + Src.i(Src.i(4));
    }

    @Suspendable
    static long combine(int a, long b, double c, String d, int e) {
        return a + b + (long) c + d.length() + e;
    }

    @Differential @Suspendable
    static long argumentsEvaluatedLeftToRight() {
        int k = 1;
        return combine(k, Src.l(10), k + 0.5, Src.s("four"), Src.i(k + 1)) + combine(Src.i(1), 2, Src.d(3), "", 0);
    }

    @Differential @Suspendable
    static String receiverBelowTheCall() {
        StringBuilder sb = new StringBuilder();
        sb.append(Src.s("a")).append(Src.i(1)).insert(0, Src.c('<')).append(Src.s(">"));
        return sb.toString();
    }

    @Suspendable
    int addTo(int v) {
        return field + Src.i(v);
    }

    @Differential @Suspendable
    int suspendableInstanceCallWithReceiverOnStack() {
        OperandStackTest other = new OperandStackTest();
        other.field = 100;
        return addTo(1) + other.addTo(Src.i(2)) * addTo(3);
    }

    @Suspendable
    long mix(long a, double b, String c, int d) {
        return a + (long) b + (c == null ? 7 : c.length()) + d + field + Src.i(1);
    }

    @Differential @Suspendable
    long callsOnThisWithWideArgumentsAndValuesBeneath() {
        long base = 1L << 33;
        double half = 0.5;
        String none = null;
        return base + (long) (half * mix(Src.l(2), half + Src.d(1.5), none, Src.i(3))) + this.mix(base, half, Src.s("abc"), 4) * 2;
    }

    @Suspendable
    static long staticMix(long a, double b, Object c, char d) {
        return a + (long) b + (c == null ? 11 : 13) + d + Src.i(2);
    }

    @Differential @Suspendable
    static long staticCallsWithNullAndWideValuesBeneath() {
        Object nothing = null;
        long wide = -5L;
        return wide * staticMix(wide, Src.d(2.5), nothing, 'a') - staticMix(Src.l(1), 0.25, Src.s("x"), Src.c('b')) / (wide - 1);
    }

    @Differential @Suspendable
    static boolean comparisonsWithAwaitOnTheRight() {
        long big = 5_000_000_000L;
        double half = 0.5;
        return big > Src.l(4_999_999_999L) && half < Src.d(0.75) && 3 != Src.i(4) && "s".equals(Src.s("s"));
    }

    @Differential @Suspendable
    static int awaitInsideArrayIndexAndValue() {
        int[] a = new int[4];
        int k = 0;
        a[k++] = Src.i(k);
        a[k++] = Src.i(k) + a[0];
        a[Src.i(k)] += Src.i(7);
        return a[0] * 1000 + a[1] * 100 + a[2] * 10 + a[3];
    }

    @Differential @Suspendable
    static String castAndInstanceofOnStack() {
        Object o = Src.obj("text");
        int len = ((String) Src.obj(o)).length() + (Src.obj(o) instanceof CharSequence ? Src.i(10) : 0);
        return "" + o + len;
    }

    @Differential @Suspendable
    static int intDivisionAndRemainderAroundAwaits() {
        int n = 1234567;
        return n / Src.i(1000) * 7 + n % Src.i(1000) - (-n) % Src.i(7);
    }
}
