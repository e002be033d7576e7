package dev.weft.itest.shapes;

import dev.weft.Suspendable;
import dev.weft.itest.harness.Differential;
import dev.weft.itest.harness.ShapeTest;
import dev.weft.itest.harness.Src;

/** try-with-resources with awaits in the body, in the resource initializers and in close(). */
class TryWithResourcesTest extends ShapeTest {

    /** A resource whose close is plain (AutoCloseable.close is not suspendable). */
    static final class Res implements AutoCloseable {
        final String name;
        final boolean failOnClose;

        Res(String name, boolean failOnClose) {
            this.name = name;
            this.failOnClose = failOnClose;
            Src.log("open " + name);
        }

        @Override
        public void close() {
            Src.log("close " + name);
            if (failOnClose) {
                throw new IllegalStateException("close failed: " + name);
            }
        }
    }

    /** A resource whose close suspends. */
    interface AsyncResource extends AutoCloseable {
        @Suspendable
        @Override
        void close();
    }

    static final class AsyncRes implements AsyncResource {
        final String name;

        AsyncRes(String name) {
            this.name = name;
        }

        @Override
        public void close() {
            Src.note("async close " + name + " " + Src.i(name.length()));
        }
    }

    @Differential @Suspendable
    static int closeOrderLogged() {
        try (Res a = new Res("a", false); Res b = new Res(Src.s("b"), false); Res c = new Res("c", false)) {
            return Src.i(a.name.length() + b.name.length() + c.name.length());
        }
    }

    @Differential @Suspendable
    static String bodyThrowsCloseRuns() {
        try (Res a = new Res("a", false)) {
            Src.fail(new IllegalArgumentException("body " + a.name));
            return "no";
        } catch (IllegalArgumentException e) {
            return "caught " + e.getMessage();
        }
    }

    @Differential @Suspendable
    static String suppressedFromClose() {
        try (Res a = new Res("a", true); Res b = new Res("b", true)) {
            Src.fail(new IllegalArgumentException("body"));
            return "no";
        }
    }

    @Differential @Suspendable
    static String closeFailsAfterNormalBody() {
        try (Res a = new Res(Src.s("a"), true)) {
            return Src.s("value");
        }
    }

    @Differential @Suspendable
    static String suspendingClose() {
        String r;
        try (AsyncResource x = new AsyncRes("x"); AsyncResource yy = new AsyncRes(Src.s("yy"))) {
            r = Src.s("body");
            Src.log("body done");
        }
        return r;
    }

    @Differential @Suspendable
    static int suspendingCloseWithFailingBody() {
        try (AsyncResource x = new AsyncRes("x")) {
            return Src.fail(new IllegalStateException("body failed"));
        } catch (IllegalStateException e) {
            return Src.i(e.getMessage().length());
        }
    }

    @Differential @Suspendable
    static int resourcesInLoop() {
        int total = 0;
        for (int k = 0; k < 3; k++) {
            try (Res r = new Res("r" + Src.i(k), false); AsyncResource a = new AsyncRes("a" + k)) {
                total += Src.i(r.name.length());
            }
        }
        return total;
    }

    @Differential @Suspendable
    static String nullResourceIsSkipped() {
        try (Res r = Src.obj(null)) {
            return "null resource " + Src.s("ok") + (r == null);
        }
    }
}
