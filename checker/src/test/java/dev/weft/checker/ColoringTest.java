package dev.weft.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The agent's coloring rules, probed with a blocking call (reported only where the code is
 * suspendable) and a monitor (an error only for a call that is a suspension point).
 */
class ColoringTest {
    private static final String SOURCE = """
            import dev.weft.AsyncCallable;
            import dev.weft.AsyncRunnable;
            import dev.weft.Suspendable;
            import java.util.concurrent.Callable;

            class Colors {
                interface Fn<T> {
                    @Suspendable
                    T apply(T t);
                }

                interface Named extends AsyncCallable<String> {
                }

                interface Redeclared extends AsyncCallable<String> {
                    String call();                                                // inherits @Suspendable
                }

                static class Impl implements Fn<String> {
                    public String apply(String s) {                                // generic implementation
                        sleep();                                                   // WARNING [weft-blocking]
                        return s;
                    }
                }

                static class Base {
                    @Suspendable
                    void run() {
                        sleep();                                                   // WARNING [weft-blocking]
                    }

                    static void notInherited() {
                        sleep();
                    }
                }

                static class Derived extends Base {
                    @Override
                    void run() {                                                   // inherited from Base.run
                        sleep();                                                   // WARNING [weft-blocking]
                    }

                    private void helper() {
                        sleep();
                    }
                }

                static void lambdas() {
                    Named n = () -> { sleep(); return "n"; };                      // WARNING [weft-blocking]
                    Redeclared r = () -> { sleep(); return "r"; };                 // WARNING [weft-blocking]
                    AsyncRunnable a = () -> sleep();                               // WARNING [weft-blocking]
                    Callable<String> c = () -> { sleep(); return "c"; };
                    Runnable plain = () -> sleep();
                }

                @Suspendable
                void throughStaticType(Fn<String> fn, Impl impl, Base base, Object lock) {
                    synchronized (lock) {
                        fn.apply("x");                                             // ERROR [weft-synchronized]
                        impl.apply("x");                                           // ERROR [weft-synchronized]
                        base.run();                                                // ERROR [weft-synchronized]
                        lock.toString();
                        Base.notInherited();
                    }
                }

                @SuppressWarnings("weft-blocking")
                static void sleep() {
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
            """;

    @Test
    void suspendabilityIsInheritedByOverridesImplementationsAndLambdas() {
        String probed = SOURCE.replace(" sleep();", " new java.util.concurrent.locks.ReentrantLock().lock();");
        Compilation c = Compilation.of("Weft", probed);
        assertEquals(List.of(), c.others());
        assertEquals(Compilation.expected(SOURCE), c.summary());
    }
}
