package dev.weft.itest.shapes;

import dev.weft.Suspendable;
import dev.weft.itest.harness.Differential;
import dev.weft.itest.harness.ShapeTest;
import dev.weft.itest.harness.Src;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code new Foo(a, await(x), b)}: NEW and DUP leave an uninitialized reference on the stack
 * below the await, which cannot be saved; the agent must hoist the arguments.
 */
class UninitializedNewTest extends ShapeTest {

    static final class Foo {
        final int a;
        final String b;
        final long c;

        Foo(int a, String b, long c) {
            this.a = a;
            this.b = b;
            this.c = c;
            Src.log("new Foo " + a);
        }

        @Override
        public String toString() {
            return "Foo(" + a + "," + b + "," + c + ")";
        }
    }

    static final class Pair {
        final Object left;
        final Object right;

        Pair(Object left, Object right) {
            this.left = left;
            this.right = right;
        }

        @Override
        public String toString() {
            return "<" + left + "," + right + ">";
        }
    }

    static final class Wide {
        final double d;
        final long l;
        final float f;

        Wide(double d, int i, long l, float f) {
            this.d = d + i;
            this.l = l;
            this.f = f;
        }

        @Override
        public String toString() {
            return d + "/" + l + "/" + f;
        }
    }

    @Differential @Suspendable
    static String awaitInTheMiddleArgument() {
        int a = 1;
        return new Foo(a, Src.s("x"), 3L).toString();
    }

    @Differential @Suspendable
    static String everyArgumentAwaited() {
        return new Foo(Src.i(1), Src.s("y"), Src.l(1L << 41)).toString();
    }

    @Differential @Suspendable
    static String nestedNews() {
        return new Pair(new Pair(Src.s("a"), new Foo(Src.i(2), "b", 0)), new Pair(null, Src.obj(3))).toString();
    }

    @Differential @Suspendable
    static String wideArgumentsAroundAwait() {
        return new Wide(0.5, Src.i(2), 1L << 50, Src.f(1.5f)).toString();
    }

    @Differential @Suspendable
    static String newInLoopWithAwait() {
        List<Foo> out = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            out.add(new Foo(k, "n" + Src.i(k), k * 2L));
        }
        return out.toString();
    }

    @Differential @Suspendable
    static String awaitThrowsBetweenNewAndConstructor() {
        try {
            return new Foo(1, Src.fail(new IllegalStateException("arg failed")), 2).toString();
        } catch (IllegalStateException e) {
            return "no object was built: " + e.getMessage();
        }
    }

    @Differential @Suspendable
    static String newAsArgumentOfSuspendableCall() {
        return describe(new Foo(Src.i(7), "z", 0), new Pair(Src.s("p"), Src.s("q")));
    }

    @Suspendable
    static String describe(Object a, Object b) {
        return Src.s(a + "&" + b);
    }

    @Differential @Suspendable
    static String newInTernaryArgument() {
        boolean flag = Src.z(true);
        return new Pair(flag ? new Foo(Src.i(1), "t", 1) : null, flag ? null : Src.s("f")).toString();
    }

    @Differential @Suspendable
    static String jdkConstructorsWithAwaits() {
        StringBuilder sb = new StringBuilder(Src.s("start"));
        java.math.BigInteger big = new java.math.BigInteger(Src.s("123456789012345678901234567890"), Src.i(10));
        return sb.append(big.add(java.math.BigInteger.valueOf(Src.l(1)))).toString();
    }

    @Differential @Suspendable
    static String twoUninitializedOfTheSameClassOnTheStack() {
        return new Pair(Src.obj(1), new Pair(Src.obj(2), new Pair(Src.obj(3), Src.obj(4)))).toString();
    }

    @Differential @Suspendable
    static String exceptionConstructedWithAwaitedMessage() {
        try {
            throw new IllegalArgumentException(Src.s("built") + Src.i(1));
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    // javac spills the operand stack, uninitialized references included, into locals before a
    // switch expression that contains try/catch: the objects under construction live in locals.

    @Differential @Suspendable
    static String switchWithTryCatchAsConstructorArgument() {
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < 3; k++) {
            int key = k;
            Pair p = new Pair(switch (key) {
                case 0 -> {
                    try {
                        yield Src.s("t" + key);
                    } catch (IllegalStateException e) {
                        yield "e";
                    }
                }
                case 1 -> {
                    try {
                        yield Src.<String>fail(new IllegalStateException("x"));
                    } catch (IllegalStateException e) {
                        yield "caught " + Src.s(e.getMessage());
                    }
                }
                default -> "d";
            }, Src.s("b" + key));
            out.append(p);
        }
        return out.toString();
    }

    @Differential @Suspendable
    static String nestedNewWithSwitchTryInTheInnerArgument() {
        int key = Src.i(0);
        return new Pair(Src.obj("outer"), new Foo(Src.i(7), switch (key) {
            case 0 -> {
                try {
                    yield Src.s("inner");
                } finally {
                    Src.log("finally");
                }
            }
            default -> "d";
        }, Src.l(9))).toString();
    }

    @Differential @Suspendable
    static String switchWithTryCatchWhoseBodyThrows() {
        try {
            return new Pair(switch (Src.i(1)) {
                case 1 -> {
                    try {
                        yield Src.s("a");
                    } catch (RuntimeException e) {
                        yield "e";
                    }
                }
                default -> throw new IllegalArgumentException("no");
            }, Src.<String>fail(new IllegalArgumentException("second argument"))).toString();
        } catch (IllegalArgumentException e) {
            return "caught " + e.getMessage();
        }
    }
}
