package dev.weft.itest.shapes;

import dev.weft.AsyncCallable;
import dev.weft.AsyncRunnable;
import dev.weft.Suspendable;
import dev.weft.itest.harness.Differential;
import dev.weft.itest.harness.ShapeTest;
import dev.weft.itest.harness.Src;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Lambdas and method references (static, bound, unbound) to {@link AsyncCallable},
 * {@link AsyncRunnable} and to a corpus-defined {@code @Suspendable} functional interface,
 * called from suspendable code; captured locals (long/double too) and captured {@code this}.
 */
class LambdaTest extends ShapeTest {

    @FunctionalInterface
    interface IntOp {
        @Suspendable
        int apply(int x);
    }

    @FunctionalInterface
    interface Wide {
        @Suspendable
        double apply(long a, double b, String c);
    }

    @FunctionalInterface
    interface Unbound<T> {
        @Suspendable
        String on(T target, int n);
    }

    final String name = "lambdaTest";

    @Suspendable
    static int twice(int x) {
        return Src.i(x) * 2;
    }

    @Suspendable
    String tagged(int n) {
        return name + "#" + Src.i(n);
    }

    @Suspendable
    static int applyAll(IntOp op, int... xs) {
        int s = 0;
        for (int x : xs) {
            s += op.apply(x);
        }
        return s;
    }

    @Differential @Suspendable
    static String asyncCallableLambda() throws Exception {
        AsyncCallable<String> c = () -> Src.s("from lambda ") + Src.i(1);
        return c.call() + " / " + c.call();
    }

    @Differential @Suspendable
    static String asyncRunnableLambdaWithSideEffects() throws Exception {
        List<String> out = new ArrayList<>();
        AsyncRunnable r = () -> {
            out.add(Src.s("run"));
            Src.note("ran " + out.size());
        };
        r.run();
        r.run();
        r.asCallable().call();
        return out.toString();
    }

    @Differential @Suspendable
    static int ownInterfaceLambdaCapturingWideLocals() {
        long big = Src.l(1L << 33);
        double scale = Src.d(0.5);
        IntOp op = x -> (int) ((big >>> 30) + x * scale) + Src.i(x);
        return applyAll(op, 1, 2, 3, 4);
    }

    @Differential @Suspendable
    static int staticMethodReference() {
        IntOp op = LambdaTest::twice;
        return applyAll(op, 5, 6) + applyAll(LambdaTest::twice, Src.i(7));
    }

    @Differential @Suspendable
    String boundMethodReference() throws Exception {
        Unbound<Integer> viaBound = (ignored, n) -> tagged(n);
        AsyncCallable<String> c = this::toStringSuspending;
        return viaBound.on(0, 3) + " " + c.call();
    }

    @Suspendable
    String toStringSuspending() {
        return "this=" + Src.s(name);
    }

    @Differential @Suspendable
    static String unboundMethodReference() {
        Unbound<LambdaTest> u = LambdaTest::tagged;
        LambdaTest t = new LambdaTest();
        return u.on(t, 4) + u.on(t, Src.i(5));
    }

    @Differential @Suspendable
    static String methodReferenceToAsyncCallable() throws Exception {
        AsyncCallable<Integer> c = LambdaTest::fortyTwo;
        AsyncCallable<String> bound = Src.s("bound target")::trim;
        return c.call() + " " + bound.call();
    }

    @Suspendable
    static Integer fortyTwo() {
        return Src.i(40) + 2;
    }

    @Differential @Suspendable
    static double wideParameterLambda() {
        Wide w = (a, b, c) -> a * Src.d(b) + c.length() + Src.l(a);
        return w.apply(Src.l(3), 1.5, "abc") + w.apply(1L << 40, -0.25, Src.s(""));
    }

    @Differential @Suspendable
    static int lambdaReturningLambda() {
        IntOp makerInput = x -> x + Src.i(1);
        Function<Integer, IntOp> adder = k -> x -> x + Src.i(k);
        return adder.apply(10).apply(makerInput.apply(1));
    }

    @Differential @Suspendable
    static String lambdaThrowsCaughtByCaller() {
        AsyncCallable<String> c = () -> Src.fail(new IllegalStateException("in lambda"));
        try {
            return c.call();
        } catch (Exception e) {
            return "caught " + e.getMessage() + Src.i(1);
        }
    }

    @Differential @Suspendable
    static int lambdasInALoopCaptureTheirOwnIndex() throws Exception {
        List<AsyncCallable<Integer>> cs = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            int kk = k;
            cs.add(() -> Src.i(kk * kk));
        }
        int s = 0;
        for (AsyncCallable<Integer> c : cs) {
            s = s * 10 + c.call();
        }
        return s;
    }

    @Differential @Suspendable
    static String nestedLambdaCalls() throws Exception {
        AsyncCallable<AsyncCallable<String>> outer = () -> {
            String prefix = Src.s("outer-");
            return () -> prefix + Src.s("inner");
        };
        return outer.call().call();
    }
}
