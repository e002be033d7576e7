package dev.weft.itest.shapes;

import dev.weft.Suspendable;
import dev.weft.itest.harness.Differential;
import dev.weft.itest.harness.ShapeTest;
import dev.weft.itest.harness.Src;

/**
 * Every kind of call that suspends: static, instance (virtual), private (static and instance),
 * super, interface, default method, static interface method, abstract and overridden methods,
 * and suspendability inherited from an annotated supertype method.
 */
class InvocationTest extends ShapeTest {

    interface Greeter {
        @Suspendable
        String greet(String who);

        @Suspendable
        default String greetTwice(String who) {
            return greet(who) + "+" + greet(Src.s(who.toUpperCase()));
        }

        @Suspendable
        static String shout(Greeter g) {
            return g.greet(Src.s("all")) + "!";
        }
    }

    /** Inherits suspendability from Greeter.greet without its own annotation. */
    static class Plain implements Greeter {
        @Override
        public String greet(String who) {
            return "hi " + Src.s(who);
        }
    }

    static class Polite extends Plain {
        @Override
        public String greet(String who) {
            return super.greet(Src.s("dear " + who)) + ".";
        }
    }

    /** Overrides the default method and calls it with Greeter.super. */
    static final class Framed implements Greeter {
        @Override
        public String greet(String who) {
            return "f " + Src.s(who);
        }

        @Override
        public String greetTwice(String who) {
            return "[" + Greeter.super.greetTwice(who) + "]";
        }
    }

    abstract static class Shape {
        @Suspendable
        abstract double area();

        @Suspendable
        String describe() {
            return getClass().getSimpleName() + " " + area();
        }
    }

    static final class Square extends Shape {
        final double side;

        Square(double side) {
            this.side = side;
        }

        @Override
        double area() {
            return side * Src.d(side);
        }
    }

    static final class Circle extends Shape {
        final double r;

        Circle(double r) {
            this.r = r;
        }

        @Override
        double area() {
            return Math.round(Math.PI * r * Src.d(r));
        }

        @Override
        String describe() {
            return "circle! " + super.describe();
        }
    }

    int counter;

    @Suspendable
    private int privateInstance(int v) {
        counter += v;
        return Src.i(counter);
    }

    @Suspendable
    private static long privateStatic(long v) {
        return Src.l(v) * 2;
    }

    @Suspendable
    static int staticCallee(int v) {
        return Src.i(v) + 1;
    }

    @Suspendable
    int virtualCallee(int v) {
        return Src.i(v) + counter;
    }

    @Differential @Suspendable
    static int staticCall() {
        return staticCallee(1) + staticCallee(staticCallee(2));
    }

    @Differential @Suspendable
    int instanceAndPrivateCalls() {
        int a = privateInstance(3);
        int b = privateInstance(4);
        long c = privateStatic(b);
        return a * 1000 + b * 100 + (int) c + virtualCallee(1);
    }

    @Differential @Suspendable
    static String interfaceCall() {
        Greeter g = new Plain();
        return g.greet("bob");
    }

    @Differential @Suspendable
    static String defaultMethodCall() {
        Greeter g = new Plain();
        return g.greetTwice("ann");
    }

    @Differential @Suspendable
    static String superCallsAndDefaultSuper() {
        Greeter g = new Polite();
        Greeter f = new Framed();
        return g.greet("x") + " / " + g.greetTwice("y") + " / " + f.greetTwice("z");
    }

    @Differential @Suspendable
    static String staticInterfaceMethod() {
        return Greeter.shout(new Polite());
    }

    @Differential @Suspendable
    static String abstractAndOverridden() {
        Shape[] shapes = {new Square(2), new Circle(1), new Square(Src.d(1.5))};
        StringBuilder sb = new StringBuilder();
        for (Shape s : shapes) {
            sb.append(s.describe()).append("; ");
        }
        return sb.toString();
    }

    @Differential @Suspendable
    static String lambdaGreeterThroughDefault() {
        Greeter g = who -> "yo " + Src.s(who);
        return g.greetTwice("l");
    }

    @Differential @Suspendable
    static String dispatchChangesAcrossLoop() {
        String out = "";
        Greeter[] gs = {new Plain(), new Polite(), w -> Src.s("lam " + w)};
        for (int k = 0; k < 6; k++) {
            out += gs[Src.i(k) % gs.length].greet("" + k) + ",";
        }
        return out;
    }

    @Differential @Suspendable
    int chainedInstanceCallsKeepThis() {
        counter = 10;
        return virtualCallee(virtualCallee(1)) + this.virtualCallee(0);
    }
}
