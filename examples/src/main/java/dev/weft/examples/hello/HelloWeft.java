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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;

/**
 * Two coroutines on one thread. Each awaits futures that a timer thread completes later; while
 * one is suspended the other runs, and each resumes exactly where it stopped, with its locals.
 * The driver loop is written out by hand to show what a runtime does: poll, park until a waker
 * fires, poll again. A waker may fire more than once (see {@link dev.weft.future.Waker}), so the
 * driver queues a coroutine at most once until it is polled, as a runtime's task state does.
 *
 * <pre>
 * java -javaagent:agent/target/weft-agent-0.1.0-SNAPSHOT.jar \
 *      -cp runtime/target/classes:examples/target/classes dev.weft.examples.hello.HelloWeft
 * </pre>
 */
public final class HelloWeft {
    private final PrintStream out;
    /** Where each word comes from: {@link #later} here, futures a test completes in its tests. */
    private final BiFunction<String, Long, CompletableFuture<String>> words;
    private final LinkedBlockingQueue<Coroutine<String>> ready = new LinkedBlockingQueue<>();

    HelloWeft(PrintStream out) {
        this(out, HelloWeft::later);
    }

    HelloWeft(PrintStream out, BiFunction<String, Long, CompletableFuture<String>> words) {
        this.out = out;
        this.words = words;
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
            said.append(await(words.apply(word, pause))).append(' ');   // suspends here; the thread runs the other coroutine
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
        AtomicBoolean aQueued = new AtomicBoolean(true);
        AtomicBoolean bQueued = new AtomicBoolean(true);
        while (live > 0) {
            Coroutine<String> c = ready.take();
            if (c.isDone()) {
                continue;   // a late wake of a coroutine that already finished
            }
            AtomicBoolean queued = c == a ? aQueued : bQueued;
            queued.set(false);   // a wake from now on queues it again
            // the waker re-queues the coroutine, once however often it fires
            Poll<String> p = c.poll(() -> {
                if (queued.compareAndSet(false, true)) {
                    ready.add(c);
                }
            });
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
