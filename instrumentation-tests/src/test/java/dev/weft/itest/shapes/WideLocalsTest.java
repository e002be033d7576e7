package dev.weft.itest.shapes;

import dev.weft.Suspendable;
import dev.weft.itest.harness.Differential;
import dev.weft.itest.harness.ShapeTest;
import dev.weft.itest.harness.Src;

/**
 * Every primitive type in locals and parameters, with values that must survive an await
 * (long and double take two slots; float and double NaN and signed zero must keep their bits),
 * and a method with more than 256 local slots (wide loads and stores).
 */
class WideLocalsTest extends ShapeTest {

    @Suspendable
    static String allParams(boolean z, byte b, char c, short s, int i, long l, float f, double d, Object o) {
        Src.pause();
        String before = z + "," + b + "," + c + "," + s + "," + i + "," + l + "," + f + "," + d + "," + o;
        Src.pause();
        String after = z + "," + b + "," + c + "," + s + "," + i + "," + l + "," + f + "," + d + "," + o;
        return before.equals(after) ? after : "CHANGED " + before + " -> " + after;
    }

    @Differential @Suspendable
    static String everyPrimitiveAsParameter() {
        return allParams(true, (byte) -7, 'q', (short) -30000, Integer.MIN_VALUE, Long.MAX_VALUE, 1.5e-40f, -0.0, "obj");
    }

    @Differential @Suspendable
    static String everyPrimitiveAwaited() {
        boolean z = Src.z(true);
        byte b = Src.b((byte) 0x80);
        char c = Src.c('\uFFFF');
        short s = Src.sh(Short.MIN_VALUE);
        int i = Src.i(-1);
        long l = Src.l(Long.MIN_VALUE + 1);
        float f = Src.f(Float.MIN_VALUE);
        double d = Src.d(Double.MAX_VALUE);
        return allParams(z, b, c, s, i, l, f, d, null);
    }

    @Differential @Suspendable
    static long longsSurviveAwaits() {
        long a = 0x7FFF_FFFF_FFFF_FFF0L;
        long b = -a;
        Src.pause();
        long c = a ^ Src.l(0x0F0F_0F0F_0F0F_0F0FL);
        Src.pause();
        return a + b + c;
    }

    @Differential @Suspendable
    static String doublesKeepTheirBits() {
        double nan = Double.longBitsToDouble(0x7FF8_0000_0000_0001L);
        double negZero = -0.0;
        double sub = Double.MIN_VALUE;
        Src.pause();
        double got = Src.d(Double.longBitsToDouble(0x7FF0_0000_0000_0002L));
        return Long.toHexString(Double.doubleToRawLongBits(nan)) + " " + Long.toHexString(Double.doubleToRawLongBits(negZero))
                + " " + sub + " " + Long.toHexString(Double.doubleToRawLongBits(got));
    }

    @Differential @Suspendable
    static String floatsKeepTheirBits() {
        float nan = Float.intBitsToFloat(0x7FC0_0001);
        float negZero = -0.0f;
        Src.pause();
        float x = Src.f(3.4028235e38f) * 2;
        return Integer.toHexString(Float.floatToRawIntBits(nan)) + " " + Integer.toHexString(Float.floatToRawIntBits(negZero)) + " " + x;
    }

    @Differential @Suspendable
    static String longAndDoubleComparisons() {
        long a = Src.l(5_000_000_000L);
        long b = Src.l(-5_000_000_000L);
        double x = Src.d(Double.NaN);
        double y = Src.d(1.0);
        float p = Src.f(Float.NaN);
        return (a > b) + " " + (a < b) + " " + (a == -b) + " " + (x < y) + " " + (x > y) + " " + (x != x)
                + " " + (p == p) + " " + Long.compare(Src.l(1), a) + " " + Double.compare(x, y) + " " + (y >= Src.d(1.0));
    }

    @Differential @Suspendable
    static String narrowingAndWidening() {
        int i = Src.i(300);
        byte b = (byte) i;
        short s = (short) Src.i(70000);
        char c = (char) Src.i(65 + 65536);
        long l = Src.i(Integer.MAX_VALUE) + 1L;
        double d = Src.l(Long.MAX_VALUE);
        float f = Src.l(123456789123L);
        int back = (int) Src.d(-2.9);
        return b + " " + s + " " + c + " " + l + " " + d + " " + f + " " + back;
    }

    @Differential @Suspendable
    static String charArithmetic() {
        char c = Src.c('a');
        c += Src.i(2);
        c++;
        char d = (char) (c + Src.c('\u0001'));
        return "" + c + d + (int) d;
    }

    @Differential @Suspendable
    static int byteAndShortOverflow() {
        byte b = Src.b((byte) 127);
        b++;
        short s = Src.sh((short) 32767);
        s += Src.sh((short) 2);
        return b * 100000 + s;
    }

    @Differential @Suspendable
    static String booleansAcrossAwaits() {
        boolean a = Src.z(true);
        boolean b = !a;
        Src.pause();
        boolean c = a ^ Src.z(true);
        boolean d = a & (b | Src.z(true));
        return a + " " + b + " " + c + " " + d;
    }

    @Suspendable
    static double mix(long a, double b, int c, long d, double e) {
        double r = a * b;
        r += Src.d(c);
        r -= Src.l(d) / e;
        return r;
    }

    @Differential @Suspendable
    static double interleavedWideParameters() {
        return mix(Src.l(3), 0.5, Src.i(-2), 1L << 50, Src.d(3.0));
    }

    @Differential @Suspendable
    static String slotReusedWithOtherTypes() {
        String out = "";
        {
            long wide = Src.l(42L << 32);
            out += wide;
        }
        {
            int a = Src.i(1);
            int b = Src.i(2);
            out += "," + a + b;
        }
        {
            double dd = Src.d(0.1);
            out += "," + dd;
        }
        {
            Object o = Src.obj("ref");
            out += "," + o;
        }
        return out;
    }

    @Differential @Suspendable
    static String manyLocalsWideSlots() {
        long l0 = 0L * 0x1_0000_0001L;
        double d0 = 0.25;
        long l1 = 1L * 0x1_0000_0001L;
        double d1 = 1.25;
        long l2 = 2L * 0x1_0000_0001L;
        double d2 = 2.25;
        long l3 = 3L * 0x1_0000_0001L;
        double d3 = 3.25;
        long l4 = 4L * 0x1_0000_0001L;
        double d4 = 4.25;
        long l5 = 5L * 0x1_0000_0001L;
        double d5 = 5.25;
        long l6 = 6L * 0x1_0000_0001L;
        double d6 = 6.25;
        long l7 = 7L * 0x1_0000_0001L;
        double d7 = 7.25;
        long l8 = 8L * 0x1_0000_0001L;
        double d8 = 8.25;
        long l9 = 9L * 0x1_0000_0001L;
        double d9 = 9.25;
        long l10 = 10L * 0x1_0000_0001L;
        double d10 = 10.25;
        long l11 = 11L * 0x1_0000_0001L;
        double d11 = 11.25;
        long l12 = 12L * 0x1_0000_0001L;
        double d12 = 12.25;
        long l13 = 13L * 0x1_0000_0001L;
        double d13 = 13.25;
        long l14 = 14L * 0x1_0000_0001L;
        double d14 = 14.25;
        long l15 = 15L * 0x1_0000_0001L;
        double d15 = 15.25;
        long l16 = 16L * 0x1_0000_0001L;
        double d16 = 16.25;
        long l17 = 17L * 0x1_0000_0001L;
        double d17 = 17.25;
        long l18 = 18L * 0x1_0000_0001L;
        double d18 = 18.25;
        long l19 = 19L * 0x1_0000_0001L;
        double d19 = 19.25;
        long l20 = 20L * 0x1_0000_0001L;
        double d20 = 20.25;
        long l21 = 21L * 0x1_0000_0001L;
        double d21 = 21.25;
        long l22 = 22L * 0x1_0000_0001L;
        double d22 = 22.25;
        long l23 = 23L * 0x1_0000_0001L;
        double d23 = 23.25;
        long l24 = 24L * 0x1_0000_0001L;
        double d24 = 24.25;
        long l25 = 25L * 0x1_0000_0001L;
        double d25 = 25.25;
        long l26 = 26L * 0x1_0000_0001L;
        double d26 = 26.25;
        long l27 = 27L * 0x1_0000_0001L;
        double d27 = 27.25;
        long l28 = 28L * 0x1_0000_0001L;
        double d28 = 28.25;
        long l29 = 29L * 0x1_0000_0001L;
        double d29 = 29.25;
        long l30 = 30L * 0x1_0000_0001L;
        double d30 = 30.25;
        long l31 = 31L * 0x1_0000_0001L;
        double d31 = 31.25;
        long l32 = 32L * 0x1_0000_0001L;
        double d32 = 32.25;
        long l33 = 33L * 0x1_0000_0001L;
        double d33 = 33.25;
        long l34 = 34L * 0x1_0000_0001L;
        double d34 = 34.25;
        long l35 = 35L * 0x1_0000_0001L;
        double d35 = 35.25;
        long l36 = 36L * 0x1_0000_0001L;
        double d36 = 36.25;
        long l37 = 37L * 0x1_0000_0001L;
        double d37 = 37.25;
        long l38 = 38L * 0x1_0000_0001L;
        double d38 = 38.25;
        long l39 = 39L * 0x1_0000_0001L;
        double d39 = 39.25;
        long l40 = 40L * 0x1_0000_0001L;
        double d40 = 40.25;
        long l41 = 41L * 0x1_0000_0001L;
        double d41 = 41.25;
        long l42 = 42L * 0x1_0000_0001L;
        double d42 = 42.25;
        long l43 = 43L * 0x1_0000_0001L;
        double d43 = 43.25;
        long l44 = 44L * 0x1_0000_0001L;
        double d44 = 44.25;
        long l45 = 45L * 0x1_0000_0001L;
        double d45 = 45.25;
        long l46 = 46L * 0x1_0000_0001L;
        double d46 = 46.25;
        long l47 = 47L * 0x1_0000_0001L;
        double d47 = 47.25;
        long l48 = 48L * 0x1_0000_0001L;
        double d48 = 48.25;
        long l49 = 49L * 0x1_0000_0001L;
        double d49 = 49.25;
        long l50 = 50L * 0x1_0000_0001L;
        double d50 = 50.25;
        long l51 = 51L * 0x1_0000_0001L;
        double d51 = 51.25;
        long l52 = 52L * 0x1_0000_0001L;
        double d52 = 52.25;
        long l53 = 53L * 0x1_0000_0001L;
        double d53 = 53.25;
        long l54 = 54L * 0x1_0000_0001L;
        double d54 = 54.25;
        long l55 = 55L * 0x1_0000_0001L;
        double d55 = 55.25;
        long l56 = 56L * 0x1_0000_0001L;
        double d56 = 56.25;
        long l57 = 57L * 0x1_0000_0001L;
        double d57 = 57.25;
        long l58 = 58L * 0x1_0000_0001L;
        double d58 = 58.25;
        long l59 = 59L * 0x1_0000_0001L;
        double d59 = 59.25;
        long l60 = 60L * 0x1_0000_0001L;
        double d60 = 60.25;
        long l61 = 61L * 0x1_0000_0001L;
        double d61 = 61.25;
        long l62 = 62L * 0x1_0000_0001L;
        double d62 = 62.25;
        long l63 = 63L * 0x1_0000_0001L;
        double d63 = 63.25;
        long l64 = 64L * 0x1_0000_0001L;
        double d64 = 64.25;
        long l65 = 65L * 0x1_0000_0001L;
        double d65 = 65.25;
        long l66 = 66L * 0x1_0000_0001L;
        double d66 = 66.25;
        long l67 = 67L * 0x1_0000_0001L;
        double d67 = 67.25;
        long l68 = 68L * 0x1_0000_0001L;
        double d68 = 68.25;
        long l69 = 69L * 0x1_0000_0001L;
        double d69 = 69.25;
        long acc = Src.l(1);
        double dacc = Src.d(0.5);
        acc = acc * 31 + l0; dacc += d0;
        acc = acc * 31 + l1; dacc += d1;
        acc = acc * 31 + l2; dacc += d2;
        acc = acc * 31 + l3; dacc += d3;
        acc = acc * 31 + l4; dacc += d4;
        acc = acc * 31 + l5; dacc += d5;
        acc = acc * 31 + l6; dacc += d6;
        acc = acc * 31 + l7; dacc += d7;
        acc = acc * 31 + l8; dacc += d8;
        acc = acc * 31 + l9; dacc += d9;
        acc = acc * 31 + l10; dacc += d10;
        acc = acc * 31 + l11; dacc += d11;
        acc = acc * 31 + l12; dacc += d12;
        acc = acc * 31 + l13; dacc += d13;
        acc = acc * 31 + l14; dacc += d14;
        acc = acc * 31 + l15; dacc += d15;
        acc = acc * 31 + l16; dacc += d16;
        acc = acc * 31 + l17; dacc += d17;
        acc = acc * 31 + l18; dacc += d18;
        acc = acc * 31 + l19; dacc += d19;
        acc = acc * 31 + l20; dacc += d20;
        acc = acc * 31 + l21; dacc += d21;
        acc = acc * 31 + l22; dacc += d22;
        acc = acc * 31 + l23; dacc += d23;
        acc = acc * 31 + l24; dacc += d24;
        acc = acc * 31 + l25; dacc += d25;
        acc = acc * 31 + l26; dacc += d26;
        acc = acc * 31 + l27; dacc += d27;
        acc = acc * 31 + l28; dacc += d28;
        acc = acc * 31 + l29; dacc += d29;
        acc = acc * 31 + l30; dacc += d30;
        acc = acc * 31 + l31; dacc += d31;
        acc = acc * 31 + l32; dacc += d32;
        acc = acc * 31 + l33; dacc += d33;
        acc = acc * 31 + l34; dacc += d34;
        acc = acc * 31 + l35; dacc += d35;
        acc = acc * 31 + l36; dacc += d36;
        acc = acc * 31 + l37; dacc += d37;
        acc = acc * 31 + l38; dacc += d38;
        acc = acc * 31 + l39; dacc += d39;
        acc = acc * 31 + l40; dacc += d40;
        acc = acc * 31 + l41; dacc += d41;
        acc = acc * 31 + l42; dacc += d42;
        acc = acc * 31 + l43; dacc += d43;
        acc = acc * 31 + l44; dacc += d44;
        acc = acc * 31 + l45; dacc += d45;
        acc = acc * 31 + l46; dacc += d46;
        acc = acc * 31 + l47; dacc += d47;
        acc = acc * 31 + l48; dacc += d48;
        acc = acc * 31 + l49; dacc += d49;
        acc = acc * 31 + l50; dacc += d50;
        acc = acc * 31 + l51; dacc += d51;
        acc = acc * 31 + l52; dacc += d52;
        acc = acc * 31 + l53; dacc += d53;
        acc = acc * 31 + l54; dacc += d54;
        acc = acc * 31 + l55; dacc += d55;
        acc = acc * 31 + l56; dacc += d56;
        acc = acc * 31 + l57; dacc += d57;
        acc = acc * 31 + l58; dacc += d58;
        acc = acc * 31 + l59; dacc += d59;
        acc = acc * 31 + l60; dacc += d60;
        acc = acc * 31 + l61; dacc += d61;
        acc = acc * 31 + l62; dacc += d62;
        acc = acc * 31 + l63; dacc += d63;
        acc = acc * 31 + l64; dacc += d64;
        acc = acc * 31 + l65; dacc += d65;
        acc = acc * 31 + l66; dacc += d66;
        acc = acc * 31 + l67; dacc += d67;
        acc = acc * 31 + l68; dacc += d68;
        acc = acc * 31 + l69; dacc += d69;
        Src.pause();
        acc = acc * 17 + l69; dacc -= d69 / 2;
        acc = acc * 17 + l68; dacc -= d68 / 2;
        acc = acc * 17 + l67; dacc -= d67 / 2;
        acc = acc * 17 + l66; dacc -= d66 / 2;
        acc = acc * 17 + l65; dacc -= d65 / 2;
        acc = acc * 17 + l64; dacc -= d64 / 2;
        acc = acc * 17 + l63; dacc -= d63 / 2;
        acc = acc * 17 + l62; dacc -= d62 / 2;
        acc = acc * 17 + l61; dacc -= d61 / 2;
        acc = acc * 17 + l60; dacc -= d60 / 2;
        acc = acc * 17 + l59; dacc -= d59 / 2;
        acc = acc * 17 + l58; dacc -= d58 / 2;
        acc = acc * 17 + l57; dacc -= d57 / 2;
        acc = acc * 17 + l56; dacc -= d56 / 2;
        acc = acc * 17 + l55; dacc -= d55 / 2;
        acc = acc * 17 + l54; dacc -= d54 / 2;
        acc = acc * 17 + l53; dacc -= d53 / 2;
        acc = acc * 17 + l52; dacc -= d52 / 2;
        acc = acc * 17 + l51; dacc -= d51 / 2;
        acc = acc * 17 + l50; dacc -= d50 / 2;
        acc = acc * 17 + l49; dacc -= d49 / 2;
        acc = acc * 17 + l48; dacc -= d48 / 2;
        acc = acc * 17 + l47; dacc -= d47 / 2;
        acc = acc * 17 + l46; dacc -= d46 / 2;
        acc = acc * 17 + l45; dacc -= d45 / 2;
        acc = acc * 17 + l44; dacc -= d44 / 2;
        acc = acc * 17 + l43; dacc -= d43 / 2;
        acc = acc * 17 + l42; dacc -= d42 / 2;
        acc = acc * 17 + l41; dacc -= d41 / 2;
        acc = acc * 17 + l40; dacc -= d40 / 2;
        acc = acc * 17 + l39; dacc -= d39 / 2;
        acc = acc * 17 + l38; dacc -= d38 / 2;
        acc = acc * 17 + l37; dacc -= d37 / 2;
        acc = acc * 17 + l36; dacc -= d36 / 2;
        acc = acc * 17 + l35; dacc -= d35 / 2;
        acc = acc * 17 + l34; dacc -= d34 / 2;
        acc = acc * 17 + l33; dacc -= d33 / 2;
        acc = acc * 17 + l32; dacc -= d32 / 2;
        acc = acc * 17 + l31; dacc -= d31 / 2;
        acc = acc * 17 + l30; dacc -= d30 / 2;
        acc = acc * 17 + l29; dacc -= d29 / 2;
        acc = acc * 17 + l28; dacc -= d28 / 2;
        acc = acc * 17 + l27; dacc -= d27 / 2;
        acc = acc * 17 + l26; dacc -= d26 / 2;
        acc = acc * 17 + l25; dacc -= d25 / 2;
        acc = acc * 17 + l24; dacc -= d24 / 2;
        acc = acc * 17 + l23; dacc -= d23 / 2;
        acc = acc * 17 + l22; dacc -= d22 / 2;
        acc = acc * 17 + l21; dacc -= d21 / 2;
        acc = acc * 17 + l20; dacc -= d20 / 2;
        acc = acc * 17 + l19; dacc -= d19 / 2;
        acc = acc * 17 + l18; dacc -= d18 / 2;
        acc = acc * 17 + l17; dacc -= d17 / 2;
        acc = acc * 17 + l16; dacc -= d16 / 2;
        acc = acc * 17 + l15; dacc -= d15 / 2;
        acc = acc * 17 + l14; dacc -= d14 / 2;
        acc = acc * 17 + l13; dacc -= d13 / 2;
        acc = acc * 17 + l12; dacc -= d12 / 2;
        acc = acc * 17 + l11; dacc -= d11 / 2;
        acc = acc * 17 + l10; dacc -= d10 / 2;
        acc = acc * 17 + l9; dacc -= d9 / 2;
        acc = acc * 17 + l8; dacc -= d8 / 2;
        acc = acc * 17 + l7; dacc -= d7 / 2;
        acc = acc * 17 + l6; dacc -= d6 / 2;
        acc = acc * 17 + l5; dacc -= d5 / 2;
        acc = acc * 17 + l4; dacc -= d4 / 2;
        acc = acc * 17 + l3; dacc -= d3 / 2;
        acc = acc * 17 + l2; dacc -= d2 / 2;
        acc = acc * 17 + l1; dacc -= d1 / 2;
        acc = acc * 17 + l0; dacc -= d0 / 2;
        int last = Src.i(7);
        return acc + " " + dacc + " " + (l69 + last) + " " + d68;
    }
}
