package dev.weft.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PinningCheckTest {
    private static final String SOURCE = """
            import dev.weft.AsyncCallable;
            import dev.weft.Coroutine;
            import dev.weft.Suspendable;
            import dev.weft.time.Time;
            import java.time.Duration;
            import java.util.List;
            import java.util.concurrent.CompletableFuture;
            import static dev.weft.Async.await;

            class Pins {
                @Suspendable
                int sleepEach(List<Integer> millis) {
                    millis.forEach(ms -> Time.sleep(Duration.ofMillis(ms)));   // WARNING [weft-pinning]
                    return millis.size();
                }

                @Suspendable
                void methodReference(List<Duration> pauses, List<CompletableFuture<String>> fs) {
                    pauses.forEach(Time::sleep);                              // WARNING [weft-pinning]
                    fs.stream().map(f -> await(f)).count();                   // WARNING [weft-pinning]
                    fs.forEach(CompletableFuture::join);
                }

                @Suspendable
                void fine(List<Integer> millis) throws Exception {
                    for (int ms : millis) {
                        Time.sleep(Duration.ofMillis(ms));
                    }
                    AsyncCallable<Integer> body = () -> { Time.sleep(Duration.ofMillis(1)); return 1; };
                    Coroutine.blockOn(() -> sleepEach(millis));
                    List.of(1).forEach(ms -> Coroutine.of(() -> { Time.sleep(Duration.ofMillis(ms)); return null; }));
                }

                @Suspendable
                void anonymous(List<Integer> millis) {
                    millis.forEach(new java.util.function.Consumer<Integer>() {
                        public void accept(Integer ms) {
                            Time.sleep(Duration.ofMillis(ms));                // WARNING [weft-pinning]
                        }
                    });
                }

                @Suspendable
                @SuppressWarnings("weft-pinning") // demonstrates the pin on purpose
                void suppressed(List<Integer> millis) {
                    millis.forEach(ms -> Time.sleep(Duration.ofMillis(ms)));
                }

                @Suspendable
                void suppressedOnVariable(List<Integer> millis) {
                    @SuppressWarnings("weft-pinning")
                    Runnable r = () -> Time.sleep(Duration.ofMillis(1));
                    r.run();
                }

                @Suspendable
                void yieldEach(List<Integer> items) {
                    items.forEach(i -> dev.weft.Task.yieldNow());              // WARNING [weft-pinning]
                    dev.weft.Task.yieldNow();
                }

                void plain(List<Integer> millis) {
                    millis.forEach(ms -> Time.sleep(Duration.ofMillis(ms)));
                    Time.sleep(Duration.ofMillis(1));
                }
            }
            """;

    @Test
    void reportsEachCallThatPinsWithLineKindAndFix() {
        Compilation c = Compilation.of("Weft", SOURCE);
        assertEquals(java.util.List.of(), c.others());
        assertEquals(Compilation.expected(SOURCE), c.summary());
        assertEquals("[weft-pinning] Time.sleep(Duration) is suspendable, but it is called from the lambda implementing"
                + " Consumer.accept(Object), which is not, inside the suspendable method Pins.sleepEach(List): it cannot"
                + " suspend there and will pin (block) the coroutine's thread at run time. Use a plain loop instead, or a"
                + " functional interface whose method is @Suspendable (dev.weft.AsyncCallable, dev.weft.AsyncRunnable);"
                + " if blocking here is intended, add @SuppressWarnings(\"weft-pinning\").", c.messageAt(13));
        assertEquals(true, c.messageAt(19).contains("Time.sleep(Duration) is suspendable, but it is called from the method"
                + " reference converted to Consumer.accept(Object), which is not, inside the suspendable method"
                + " Pins.methodReference(List, List)"), c.messageAt(19));
        assertEquals(true, c.messageAt(20).contains("Async.await(CompletionStage) is suspendable, but it is called from the"
                + " lambda implementing Function.apply(Object)"), c.messageAt(20));
        assertEquals(true, c.messageAt(38).contains("called from the method anonymous java.util.function.Consumer<java.lang.Integer>"
                + ".accept(Integer), which is not, inside the suspendable method Pins.anonymous(List)"), c.messageAt(38));
    }
}
