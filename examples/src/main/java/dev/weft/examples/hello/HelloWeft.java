package dev.weft.examples.hello;

import static dev.weft.Async.await;

import dev.weft.Coroutine;
import dev.weft.Suspendable;
import dev.weft.future.Poll;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Two coroutines on one thread. Each awaits futures that a timer thread completes later; while
 * one is suspended the other runs, and each resumes exactly where it stopped, with its locals.
 * The driver loop is written out by hand to show what a runtime does: poll, park until a waker
 * fires, poll again.
 *
 * <pre>
 * java -javaagent:agent/target/weft-agent-0.1.0-SNAPSHOT.jar \
 *      -cp runtime/target/classes:examples/target/classes dev.weft.examples.hello.HelloWeft
 * </pre>
 */
public final class HelloWeft {
    private final PrintStream out;
    private final LinkedBlockingQueue<Coroutine<String>> ready = new LinkedBlockingQueue<>();

    HelloWeft(PrintStream out) {
        this.out = out;
    }

    /** A value that arrives after {@code millis}, completed on a timer thread. */
    static <T> CompletableFuture<T> later(T value, long millis) {
        Executor timer = CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS);
        return CompletableFuture.supplyAsync(() -> value, timer);
    }

    @Suspendable
    String greet(String name, long pause) {
        int steps = 0;
        StringBuilder said = new StringBuilder();
        for (String word : new String[] {"Hello", "from", "a", "coroutine"}) {
            said.append(await(later(word, pause))).append(' ');   // suspends here; the thread runs the other coroutine
            steps++;
            out.println("  " + name + " resumed on " + Thread.currentThread().getName() + " after step " + steps + ": " + said);
        }
        return name + " said '" + said.toString().trim() + "' in " + steps + " steps";
    }

    void run() throws InterruptedException {
        Coroutine<String> a = Coroutine.of(() -> greet("A", 30));
        Coroutine<String> b = Coroutine.of(() -> greet("B", 45));
        out.println("built two coroutines; nothing has run yet");
        ready.add(a);
        ready.add(b);
        int live = 2;
        while (live > 0) {
            Coroutine<String> c = ready.take();
            Poll<String> p = c.poll(() -> ready.add(c));   // the waker re-queues the coroutine
            if (p.isReady()) {
                out.println("done: " + p.value());
                live--;
            } else {
                out.println("suspended: " + (c == a ? "A" : "B") + " (the thread is free)");
            }
        }
    }

    /**
     * Runs the example.
     *
     * @param args unused
     * @throws InterruptedException if interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        new HelloWeft(System.out).run();
    }
}
