package dev.weft.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OverrideCheckTest {
    private static final String SOURCE = """
            import dev.weft.Suspendable;
            import dev.weft.time.Time;
            import java.time.Duration;

            class Overrides {
                interface Repository {
                    String find(String key);
                }

                interface AsyncRepository {
                    @Suspendable
                    String find(String key);
                }

                static class Cached implements Repository {
                    @Suspendable
                    public String find(String key) {                          // WARNING [weft-override]
                        Time.sleep(Duration.ofMillis(1));
                        return key;
                    }
                }

                static class Fine implements AsyncRepository {
                    public String find(String key) {                          // suspendable by inheritance
                        Time.sleep(Duration.ofMillis(1));
                        return key;
                    }
                }

                static class Sub extends Cached {
                    @Override
                    public String find(String key) {                          // WARNING [weft-override]
                        return super.find(key);
                    }
                }

                static class Job implements Runnable {
                    @Suspendable
                    public void run() {                                       // WARNING [weft-override]
                        Time.sleep(Duration.ofMillis(1));
                    }
                }

                static class OnPurpose implements Repository {
                    @Suspendable
                    @SuppressWarnings("weft-override") // only ever called as OnPurpose
                    public String find(String key) {
                        return key;
                    }
                }

                static String viaInterface(Repository r) {
                    return r.find("k");
                }
            }
            """;

    @Test
    void reportsTheOverrideNamingTheSupertypeMethodToAnnotate() {
        Compilation c = Compilation.of("Weft", SOURCE);
        assertEquals(List.of(), c.others());
        assertEquals(Compilation.expected(SOURCE), c.summary());
        assertEquals("[weft-override] Overrides.Cached.find(String) is suspendable, but it overrides"
                + " Overrides.Repository.find(String), which is not: a call is colored by the static type of its receiver,"
                + " so a call through Overrides.Repository.find(String) cannot suspend and pins its thread at run time."
                + " Annotate Overrides.Repository.find @Suspendable; if it is only ever called through its own type, add"
                + " @SuppressWarnings(\"weft-override\").", c.messageAt(17));
        assertTrue(c.messageAt(32).contains("Annotate Overrides.Repository.find @Suspendable"), c.messageAt(32));
        assertTrue(c.messageAt(39).contains("Runnable.run() is a JDK method and cannot be made suspendable: call run through"
                + " a type whose method is @Suspendable"), c.messageAt(39));
    }
}
