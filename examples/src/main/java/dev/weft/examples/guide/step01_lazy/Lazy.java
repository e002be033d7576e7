package dev.weft.examples.guide.step01_lazy;

import static dev.weft.Async.await;

import dev.weft.Coroutine;
import dev.weft.Suspendable;
import dev.weft.future.Poll;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;

/**
 * Guide step 1: a coroutine is lazy. Building one runs nothing; each {@code poll} runs it until
 * it finishes or suspends on a future that is not ready, and the waker says when to poll again.
 *
 * <pre>
 * java -javaagent:agent/target/weft-agent-0.1.0-SNAPSHOT.jar \
 *      -cp runtime/target/classes:examples/target/classes dev.weft.examples.guide.step01_lazy.Lazy
 * </pre>
 */
public final class Lazy {
    private final PrintStream out;

    Lazy(PrintStream out) {
        this.out = out;
    }

    @Suspendable
    String sayHello(CompletableFuture<String> name) {
        out.println("  sayHello: started, awaiting the name");
        String n = await(name);                       // not ready: the coroutine suspends here
        out.println("  sayHello: resumed with '" + n + "'");
        return "hello, " + n;
    }

    void run() {
        CompletableFuture<String> name = new CompletableFuture<>();
        Coroutine<String> c = Coroutine.of(() -> sayHello(name));
        out.println("built the coroutine (nothing printed by it yet)");

        Poll<String> p = c.poll(() -> out.println("  waker: the awaited future completed, poll again"));
        out.println("poll 1 -> " + p);

        out.println("completing the future");
        name.complete("weft");                       // runs the waker registered by poll 1

        p = c.poll(() -> out.println("  waker: not needed"));
        out.println("poll 2 -> " + p);
        out.println("done: " + c.isDone());
    }

    /**
     * Runs the example.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        new Lazy(System.out).run();
    }
}
