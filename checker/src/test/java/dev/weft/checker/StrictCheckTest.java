package dev.weft.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StrictCheckTest {
    private static final String SOURCE = """
            import dev.weft.Coroutine;
            import dev.weft.Suspendable;
            import dev.weft.time.Time;
            import java.time.Duration;
            import java.util.List;
            import java.util.concurrent.CompletableFuture;
            import static dev.weft.Async.await;

            class Colors {
                static final String FIELD = await(CompletableFuture.completedFuture("x")); // STRICT [weft-strict]

                @Suspendable
                String fetch(CompletableFuture<String> f) {
                    return await(f);
                }

                String plain(CompletableFuture<String> f) {
                    return fetch(f);                                          // STRICT [weft-strict]
                }

                void lambdaInPlain(List<Integer> millis) {
                    millis.forEach(ms -> Time.sleep(Duration.ofMillis(ms)));  // STRICT [weft-strict]
                }

                @Suspendable
                void pins(List<Integer> millis) {
                    millis.forEach(ms -> Time.sleep(Duration.ofMillis(ms)));  // PINNING [weft-pinning]
                }

                String bridged(CompletableFuture<String> f) throws Exception {
                    return Coroutine.blockOn(() -> fetch(f));                 // an AsyncCallable: suspendable
                }

                @SuppressWarnings("weft-strict") // main calls it as blocking code on purpose
                String entryPoint(CompletableFuture<String> f) {
                    return fetch(f);
                }
            }
            """;

    @Test
    void withoutStrictOnlyThePinIsReported() {
        Compilation c = Compilation.of("Weft", SOURCE);
        assertEquals(List.of(), c.others());
        assertEquals(List.of("WARNING 27 [weft-pinning]"), c.summary());
    }

    @Test
    void strictMakesEveryCallFromCodeThatIsNotSuspendableAnError() {
        Compilation c = Compilation.of("Weft strict", SOURCE);
        assertEquals(Compilation.expected(SOURCE.replace("STRICT", "ERROR").replace("PINNING", "ERROR")), c.summary());
        assertEquals("[weft-strict] Colors.fetch(CompletableFuture) is suspendable, but it is called from the method"
                + " Colors.plain(CompletableFuture), which is not: make it suspendable (@Suspendable, or for a lambda a suspendable"
                + " functional interface such as AsyncCallable), or run the call in a coroutine"
                + " (Coroutine.blockOn, WeftRuntime.blockOn, Task.spawn); where calling it as blocking code is intended, add"
                + " @SuppressWarnings(\"weft-strict\").", c.messageAt(18));
        assertTrue(c.messageAt(10).contains("called from the initializer of field FIELD, which is not"), c.messageAt(10));
        assertTrue(c.messageAt(22).contains("called from the lambda implementing Consumer.accept(Object), which is not:"),
                c.messageAt(22));
    }
}
