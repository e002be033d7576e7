package dev.weft.itest.shapes;

import dev.weft.Suspendable;
import dev.weft.itest.harness.Differential;
import dev.weft.itest.harness.ShapeTest;
import dev.weft.itest.harness.Src;
import java.util.ArrayList;
import java.util.List;

/**
 * Generic bridge methods: javac emits a synthetic bridge ({@code apply(Object)Object}) that
 * casts and calls the real method ({@code apply(String)String}); both must be rewritten, and the
 * bridge's call is a suspension point.
 */
class BridgeMethodTest extends ShapeTest {

    interface Fn<T, R> {
        @Suspendable
        R apply(T t);
    }

    static final class Upper implements Fn<String, String> {
        @Override
        public String apply(String s) {
            return Src.s(s).toUpperCase();
        }
    }

    static final class Len implements Fn<CharSequence, Integer> {
        @Override
        public Integer apply(CharSequence s) {
            return Src.i(s.length());
        }
    }

    abstract static class Source<T> {
        @Suspendable
        abstract T get();

        @Suspendable
        List<T> twice() {
            List<T> l = new ArrayList<>();
            l.add(get());
            l.add(get());
            return l;
        }
    }

    /** Covariant override: get() returns String, bridge get()Object. */
    static final class Names extends Source<String> {
        int n;

        @Override
        String get() {
            return Src.s("name" + n++);
        }
    }

    static class Base {
        @Suspendable
        Object make() {
            return Src.obj("base");
        }
    }

    static final class Derived extends Base {
        @Override
        String make() { // covariant return: bridge make()Object
            return Src.s("derived");
        }
    }

    interface Comparable2<T> {
        @Suspendable
        int compareWith(T other);
    }

    static final class Version implements Comparable2<Version> {
        final int major;

        Version(int major) {
            this.major = major;
        }

        @Override
        public int compareWith(Version other) {
            return Integer.compare(Src.i(major), other.major);
        }
    }

    @Suspendable
    static <T, R> R applyRaw(Fn<T, R> f, T t) {
        return f.apply(t);
    }

    @Differential @Suspendable
    static String callThroughBridge() {
        Fn<String, String> f = new Upper();
        return f.apply("abc") + applyRaw(f, "def");
    }

    @Differential @Suspendable
    static int boxedReturnThroughBridge() {
        Fn<CharSequence, Integer> f = new Len();
        return f.apply("four") + applyRaw(f, new StringBuilder("xy"));
    }

    @Differential @Suspendable
    static String covariantGetterThroughGenericBase() {
        Source<String> s = new Names();
        return s.twice() + " " + ((Names) s).get();
    }

    @Differential @Suspendable
    static String covariantReturnOverride() {
        Base b = new Derived();
        Derived d = new Derived();
        return b.make() + "/" + d.make() + "/" + new Base().make();
    }

    @Differential @Suspendable
    static int selfTypedGenericBridge() {
        Comparable2<Version> a = new Version(3);
        return a.compareWith(new Version(Src.i(5))) * 10 + new Version(7).compareWith(new Version(2));
    }

    @Differential @Suspendable
    static String rawTypeCallHitsBridge() {
        @SuppressWarnings({"rawtypes", "unchecked"})
        Fn raw = new Upper();
        @SuppressWarnings("unchecked")
        Object r = raw.apply(Src.s("raw"));
        try {
            @SuppressWarnings("unchecked")
            Object bad = raw.apply(Src.obj(42));
            return "no " + bad;
        } catch (ClassCastException e) {
            return r + " then CCE";
        }
    }

    @Suspendable
    static <T extends Comparable<T>> T maxOf(T a, T b) {
        T x = Src.obj(a);
        T y = Src.obj(b);
        return x.compareTo(y) >= 0 ? x : y;
    }

    @Differential @Suspendable
    static String genericMethods() {
        return maxOf("pear", "apple") + maxOf(3, Src.i(9)) + maxOf(2.5, 1.5);
    }
}
