package dev.weft.itest.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.AsyncCallable;
import dev.weft.Coroutine;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.itest.harness.InMemoryClassLoader;
import dev.weft.itest.harness.InMemoryCompiler;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * {@code new C(args)} with an await among the arguments initializes {@code C} where plain code
 * does (JLS 12.4.1: the {@code NEW}, before the arguments are evaluated), also when an argument
 * throws and outside any coroutine. Each run loads the classes in a fresh loader, so each static
 * initializer runs, and logs, once per run.
 */
class ClassInitializationOrderTest {
    private static final String SOURCE = """
            package cinit;
            import dev.weft.Async;
            import dev.weft.AsyncCallable;
            import dev.weft.Suspendable;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.CompletableFuture;
            public class Case {
                public static final List<String> LOG = new ArrayList<>();
                public static CompletableFuture<Integer> gate;
                static final class C {
                    static { LOG.add("clinit C"); }
                    C(int a, int b) { LOG.add("C(" + a + "," + b + ")"); }
                }
                static final class D {
                    static { LOG.add("clinit D"); }
                    D(int a) { LOG.add("D(" + a + ")"); }
                }
                static final class Outer {
                    static { LOG.add("clinit Outer"); }
                    Outer(Object inner, int b) { LOG.add("Outer"); }
                }
                static int arg(String s) { LOG.add("arg " + s); return s.length(); }
                static int boom(int v) { LOG.add("boom"); throw new IllegalStateException("boom"); }
                @Suspendable static int awaited() { LOG.add("await"); return Async.await(gate); }
                @Suspendable public static Object normal() {
                    new C(arg("x"), awaited());
                    return LOG;
                }
                @Suspendable public static Object argumentThrows() {
                    try {
                        new D(boom(awaited()));
                    } catch (IllegalStateException e) {
                        LOG.add("caught");
                    }
                    return LOG;
                }
                @Suspendable public static Object nested() {
                    new Outer(new C(arg("y"), awaited()), arg("zz"));
                    return LOG;
                }
                public static AsyncCallable<Object> task(String name) {
                    switch (name) {
                        case "normal": return Case::normal;
                        case "argumentThrows": return Case::argumentThrows;
                        default: return Case::nested;
                    }
                }
            }
            """;

    private static final Map<String, byte[]> CLASSES = new InMemoryCompiler("17").compile(Map.of("cinit.Case", SOURCE));

    /** Runs {@code method} in a fresh loader, outside a coroutine (gate complete) or in one (gate pending at the first poll). */
    private static List<?> run(String method, boolean inCoroutine) throws Exception {
        ClassLoader loader = new InMemoryClassLoader(CLASSES, ClassInitializationOrderTest.class.getClassLoader());
        Class<?> c = Class.forName("cinit.Case", true, loader);
        Method m = c.getMethod(method);
        CompletableFuture<Integer> gate = new CompletableFuture<>();
        c.getField("gate").set(null, gate);
        if (!inCoroutine) {
            gate.complete(5);
            return (List<?>) m.invoke(null);
        }
        @SuppressWarnings("unchecked")
        AsyncCallable<Object> task = (AsyncCallable<Object>) c.getMethod("task", String.class).invoke(null, method);
        Coroutine<Object> co = Coroutine.of(task);
        Poll<Object> first = co.poll(Waker.NOOP);
        assertTrue(first.isPending(), "the await suspended");
        gate.complete(5);
        Poll<Object> second = co.poll(Waker.NOOP);
        assertTrue(second.isReady());
        return (List<?>) second.value();
    }

    private static void check(String method, List<String> expected) throws Exception {
        assertEquals(expected, run(method, false), method + " outside a coroutine");
        assertEquals(expected, run(method, true), method + " in a coroutine that suspends at the await");
    }

    @Test
    void theClassIsInitializedBeforeTheArguments() throws Exception {
        check("normal", List.of("clinit C", "arg x", "await", "C(1,5)"));
    }

    @Test
    void theClassIsInitializedEvenWhenAnArgumentThrows() throws Exception {
        check("argumentThrows", List.of("clinit D", "await", "boom", "caught"));
    }

    @Test
    void nestedConstructionsInitializeOuterFirst() throws Exception {
        check("nested", List.of("clinit Outer", "clinit C", "arg y", "await", "C(1,5)", "arg zz", "Outer"));
    }
}
