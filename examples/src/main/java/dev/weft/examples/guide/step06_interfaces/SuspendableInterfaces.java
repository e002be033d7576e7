package dev.weft.examples.guide.step06_interfaces;

import dev.weft.JoinHandle;
import dev.weft.Suspendable;
import dev.weft.Task;
import dev.weft.WeftRuntime;
import dev.weft.time.Time;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Guide step 6: suspendable interfaces, the counterpart of an async trait. {@link Greeter} has
 * one {@code @Suspendable} method, implemented by a class, a lambda and a method reference; the
 * caller only knows the interface, and each call suspends instead of blocking.
 *
 * <pre>
 * java -javaagent:agent/target/weft-agent-0.1.0-SNAPSHOT.jar \
 *      -cp runtime/target/classes:examples/target/classes dev.weft.examples.guide.step06_interfaces.SuspendableInterfaces
 * </pre>
 */
public final class SuspendableInterfaces {
    private final PrintStream out;

    SuspendableInterfaces(PrintStream out) {
        this.out = out;
    }

    @Suspendable
    static String politely(String name) {
        Time.sleep(Duration.ofMillis(20));
        return "Good day, " + name + " (from a method reference)";
    }

    /** Knows only the interface: the call is a suspension point all the same. */
    @Suspendable
    static String greetTwice(Greeter g, String name) {
        return g.greet(name) + " / " + g.greet(name);
    }

    void run() throws Exception {
        Map<String, Greeter> greeters = new LinkedHashMap<>();
        greeters.put("class", new SlowGreeter(Duration.ofMillis(30)));
        greeters.put("lambda", name -> {
            Time.sleep(Duration.ofMillis(10));
            return "Hi, " + name + " (from a lambda)";
        });
        greeters.put("method reference", SuspendableInterfaces::politely);

        try (WeftRuntime rt = WeftRuntime.currentThread().startPaused(true).build()) {
            rt.blockOn(() -> {
                long start = Time.nanoTime();
                List<JoinHandle<String>> calls = new ArrayList<>();
                for (Greeter g : greeters.values()) {
                    calls.add(Task.spawn(() -> greetTwice(g, "weft")));
                }
                for (JoinHandle<String> call : calls) {
                    out.println(call.join());
                }
                long ms = (Time.nanoTime() - start) / 1_000_000;
                out.println("three greeters, each pausing twice, on one thread: done at t=" + ms + "ms, not 120ms");
                return null;
            });
        }
    }

    /**
     * Runs the example.
     *
     * @param args unused
     * @throws Exception if it fails
     */
    public static void main(String[] args) throws Exception {
        new SuspendableInterfaces(System.out).run();
    }
}
