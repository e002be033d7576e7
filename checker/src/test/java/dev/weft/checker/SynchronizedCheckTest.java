package dev.weft.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SynchronizedCheckTest {
    private static final String SOURCE = """
            import dev.weft.AsyncCallable;
            import dev.weft.Suspendable;
            import dev.weft.time.Time;
            import java.time.Duration;
            import java.util.concurrent.CompletableFuture;
            import static dev.weft.Async.await;

            class Monitors {
                private final Object lock = new Object();

                @Suspendable
                int block(CompletableFuture<Integer> f) {
                    synchronized (lock) {
                        return await(f);                                      // ERROR [weft-synchronized]
                    }
                }

                @Suspendable
                synchronized void method() {
                    Time.sleep(Duration.ofMillis(1));                         // ERROR [weft-synchronized]
                }

                @Suspendable
                void afterTheBlock(CompletableFuture<Integer> f) {
                    synchronized (lock) {
                        f.complete(1);
                        AsyncCallable<Integer> later = () -> await(f);        // its own method, outside the monitor
                    }
                    await(f);
                }

                synchronized int plainMethod(CompletableFuture<Integer> f) {
                    return await(f);                                          // not rewritten: blocks, not refused
                }

                @Suspendable
                @SuppressWarnings("weft-synchronized") // shows the agent's refusal on purpose
                void suppressed() {
                    synchronized (lock) {
                        Time.sleep(Duration.ofMillis(1));
                    }
                }
            }
            """;

    @Test
    void reportsSuspensionPointsInsideMonitorsAsErrors() {
        Compilation c = Compilation.of("Weft", SOURCE);
        assertEquals(Compilation.expected(SOURCE), c.summary());
        assertEquals(List.of(), c.others());
        assertEquals("[weft-synchronized] Async.await(CompletionStage) is a suspension point inside a synchronized block"
                + " (in the method Monitors.block(CompletableFuture)): a monitor cannot move to another thread, so the Weft agent"
                + " refuses this method at load time. Use dev.weft.sync.Mutex, whose guard may be held across awaits, or"
                + " move the call out of a synchronized block.", c.messageAt(14));
        assertEquals(true, c.messageAt(20).startsWith("[weft-synchronized] Time.sleep(Duration) is a suspension point"
                + " inside a synchronized method (in the method Monitors.method())"), c.messageAt(20));
    }
}
