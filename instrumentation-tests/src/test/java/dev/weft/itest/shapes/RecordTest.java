package dev.weft.itest.shapes;

import dev.weft.Suspendable;
import dev.weft.itest.harness.Differential;
import dev.weft.itest.harness.ShapeTest;
import dev.weft.itest.harness.Src;
import java.util.List;

/** Records with suspendable instance and static methods, implementing suspendable interfaces. */
class RecordTest extends ShapeTest {

    interface Priced {
        @Suspendable
        long price();
    }

    record Point(int x, int y) {
        @Suspendable
        Point plus(Point o) {
            return new Point(x + Src.i(o.x), y + Src.i(o.y));
        }

        @Suspendable
        static Point origin() {
            return new Point(Src.i(0), Src.i(0));
        }
    }

    record Item(String name, long cents, double weight) implements Priced {
        Item {
            if (cents < 0) {
                throw new IllegalArgumentException("negative price " + cents);
            }
        }

        @Override
        public long price() {
            return cents + Src.l((long) (weight * 100));
        }
    }

    record Box<T>(T value) {
        @Suspendable
        <R> Box<R> map(LambdaTest.Unbound<T> f) {
            @SuppressWarnings("unchecked")
            R r = (R) f.on(value, Src.i(1));
            return new Box<>(r);
        }
    }

    @Differential @Suspendable
    static Point recordInstanceAndStaticMethods() {
        Point p = Point.origin();
        for (int k = 1; k <= 3; k++) {
            p = p.plus(new Point(k, -k));
        }
        return p;
    }

    @Differential @Suspendable
    static long recordImplementingSuspendableInterface() {
        List<Priced> items = List.of(new Item("a", 100, 0.5), new Item(Src.s("b"), Src.l(250), Src.d(1.25)));
        long total = 0;
        for (Priced p : items) {
            total += p.price();
        }
        return total;
    }

    @Differential @Suspendable
    static String compactConstructorThrowsAfterAwait() {
        try {
            return new Item("bad", Src.l(-5), 0).toString();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    @Differential @Suspendable
    static String genericRecordMap() {
        Box<String> b = new Box<>(Src.s("v"));
        Box<String> mapped = b.map((s, n) -> s + n + Src.s("!"));
        return mapped + " " + mapped.equals(new Box<>("v1!"));
    }

    @Differential @Suspendable
    static String recordEqualsAndAccessorsAcrossAwaits() {
        Point a = new Point(Src.i(1), 2);
        Src.pause();
        Point b = new Point(1, Src.i(2));
        return a.equals(b) + " " + a.x() + b.y() + " " + (a.hashCode() == b.hashCode());
    }
}
