package dev.weft.itest.shapes;

import dev.weft.AsyncCallable;
import dev.weft.Suspendable;
import dev.weft.itest.harness.Differential;
import dev.weft.itest.harness.ShapeTest;
import dev.weft.itest.harness.Src;

/**
 * Anonymous, inner (non-static), local and nested classes with suspendable methods: the hidden
 * outer-instance field, nestmate access to the outer class's private members, captured locals.
 */
class InnerClassTest extends ShapeTest {

    interface Step {
        @Suspendable
        int step(int x);
    }

    private int secret = 7;

    @Suspendable
    private int privateOuter(int v) {
        return Src.i(v) + secret;
    }

    /** An inner class that reads and writes the outer instance's private state. */
    class Inner implements Step {
        final int bias;

        Inner(int bias) {
            this.bias = bias;
        }

        @Override
        public int step(int x) {
            secret += Src.i(1);
            return privateOuter(x) + bias;
        }
    }

    static final class Nested {
        @Suspendable
        static String hello() {
            return "nested " + Src.s("hi");
        }

        @Suspendable
        String instanceHello() {
            return Src.s("nested instance");
        }
    }

    @Differential @Suspendable
    int innerClassUsesOuterPrivates() {
        Inner a = new Inner(100);
        Inner b = this.new Inner(Src.i(200));
        return a.step(1) + b.step(2) + secret;
    }

    @Differential @Suspendable
    static int anonymousClassCapturingLocals() {
        long mult = Src.l(3);
        String tag = Src.s("t");
        Step s = new Step() {
            int calls;

            @Override
            public int step(int x) {
                calls++;
                Src.log(tag + calls);
                return (int) (x * mult) + Src.i(calls);
            }
        };
        return s.step(1) + s.step(2) + s.step(Src.i(3));
    }

    @Differential @Suspendable
    int anonymousClassUsingOuterThis() throws Exception {
        AsyncCallable<Integer> c = new AsyncCallable<>() {
            @Override
            public Integer call() {
                return privateOuter(Src.i(5)) + secret;
            }
        };
        return c.call();
    }

    @Differential @Suspendable
    static String localClass() {
        int base = Src.i(10);
        class Counter {
            int n = base;

            @Suspendable
            int next() {
                n += Src.i(1);
                return n;
            }
        }
        Counter c = new Counter();
        return c.next() + "," + c.next() + "," + new Counter().next();
    }

    @Differential @Suspendable
    static String nestedStaticClass() {
        return Nested.hello() + " / " + new Nested().instanceHello();
    }

    @Differential @Suspendable
    static int anonymousSubclassOverridingSuspendable() {
        InvocationTest.Shape s = new InvocationTest.Shape() {
            @Override
            double area() {
                return Src.d(12.5);
            }
        };
        return (int) s.area() + s.describe().length();
    }

    @Differential @Suspendable
    int innerOfInner() {
        class Level1 {
            @Suspendable
            int go() {
                Step deep = new Step() {
                    @Override
                    public int step(int x) {
                        return privateOuter(x) * Src.i(2);
                    }
                };
                return deep.step(Src.i(3));
            }
        }
        return new Level1().go();
    }
}
