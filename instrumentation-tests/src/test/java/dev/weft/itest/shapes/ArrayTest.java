package dev.weft.itest.shapes;

import dev.weft.Suspendable;
import dev.weft.itest.harness.Differential;
import dev.weft.itest.harness.ShapeTest;
import dev.weft.itest.harness.Src;

/**
 * Arrays of primitives and objects, multi-dimensional arrays, and array stores whose array
 * reference and index sit on the operand stack below a suspendable call ({@code arr[i] = Src.i(v)}).
 */
class ArrayTest extends ShapeTest {

    @Differential @Suspendable
    static int[] storeWithAwaitedValue() {
        int[] a = new int[5];
        for (int k = 0; k < a.length; k++) {
            a[k] = Src.i(k * k);
        }
        return a;
    }

    @Differential @Suspendable
    static long[] awaitedIndexAndValue() {
        long[] a = new long[4];
        a[Src.i(2)] = Src.l(-1L << 40);
        a[Src.i(0)] = a[2] + Src.l(1);
        return a;
    }

    @Differential @Suspendable
    static double[] compoundAssignmentOnElement() {
        double[] a = {1.0, 2.0, 3.0};
        for (int k = 0; k < a.length; k++) {
            a[k] += Src.d(0.5) * k;
            a[k] *= Src.d(2);
        }
        return a;
    }

    @Differential @Suspendable
    static Object[] objectArrayWithNulls() {
        Object[] a = new Object[4];
        a[0] = Src.obj("s");
        a[1] = Src.obj(null);
        a[2] = Src.obj(new int[] {1, 2});
        a[3] = Src.obj(4L);
        return a;
    }

    @Differential @Suspendable
    static int[][] multiDimAwaitedSizes() {
        int[][] m = new int[Src.i(3)][Src.i(4)];
        for (int r = 0; r < m.length; r++) {
            for (int c = 0; c < m[r].length; c++) {
                m[r][c] = Src.i(r * 10 + c);
            }
        }
        return m;
    }

    @Differential @Suspendable
    static String[][] jaggedStrings() {
        String[][] j = new String[3][];
        for (int r = 0; r < j.length; r++) {
            j[r] = new String[Src.i(r + 1)];
            for (int c = 0; c <= r; c++) {
                j[r][c] = Src.s("" + r + c);
            }
        }
        return j;
    }

    @Differential @Suspendable
    static int[] arrayInitializerWithAwaits() {
        int a = 1;
        return new int[] {a, Src.i(2), a + 2, Src.i(4), Src.i(5) * a};
    }

    @Differential @Suspendable
    static char[] charAndByteArrays() {
        char[] cs = new char[3];
        byte[] bs = {1, 2, 3};
        for (int k = 0; k < cs.length; k++) {
            cs[k] = Src.c((char) ('x' + k));
            bs[k] += Src.b((byte) 10);
        }
        cs[0] = (char) (cs[0] + bs[2]);
        return cs;
    }

    @Differential @Suspendable
    static String booleanFloatShortArrays() {
        boolean[] z = new boolean[2];
        float[] f = new float[2];
        short[] s = new short[2];
        z[1] = Src.z(true);
        f[0] = Src.f(1.25f);
        f[1] = f[0] + Src.f(0.5f);
        s[Src.i(1)] = Src.sh((short) 9);
        return java.util.Arrays.toString(z) + java.util.Arrays.toString(f) + java.util.Arrays.toString(s);
    }

    @Differential @Suspendable
    static Object[][][] threeDimObjects() {
        Object[][][] cube = new Object[2][2][2];
        int n = 0;
        for (Object[][] plane : cube) {
            for (Object[] row : plane) {
                for (int k = 0; k < row.length; k++) {
                    row[k] = Src.obj(n++);
                }
            }
        }
        return cube;
    }

    @Differential @Suspendable
    static int arrayLengthAndCloneAcrossAwait() {
        int[] a = {3, 1, 2};
        int[] b = a.clone();
        Src.pause();
        b[0] = Src.i(9);
        return a[0] * 100 + b[0] * 10 + Src.obj(a).length;
    }

    @Differential @Suspendable
    static String arrayIndexOutOfBounds() {
        int[] a = new int[2];
        try {
            a[Src.i(2)] = 1;
            return "no";
        } catch (ArrayIndexOutOfBoundsException e) {
            return e.getMessage();
        }
    }

    @Differential @Suspendable
    static int incrementElementBeforeAndAfter() {
        int[] a = {10, 20};
        int k = Src.i(1);
        int x = a[k]++ + Src.i(a[k]);
        int y = ++a[0] + Src.i(a[0]);
        return x * 1000 + y;
    }
}
