package app;

import dev.weft.Coroutine;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import java.util.concurrent.CompletableFuture;

/** Run with plain {@code java -jar}: exits 1 unless the await suspended and the runtime's tasks ran. */
public final class App {
    private App() {
    }

    public static void main(String[] args) throws Exception {
        CompletableFuture<Integer> input = new CompletableFuture<>();
        Coroutine<Integer> c = Coroutine.of(() -> Pipeline.plusOne(input));
        Poll<Integer> first = c.poll(Waker.NOOP);  // input is not complete: the await must suspend
        input.complete(41);
        Poll<Integer> second = c.poll(Waker.NOOP);
        int onRuntime = Pipeline.onRuntime();
        boolean ok = first.isPending() && second.isReady() && second.value() == 42 && onRuntime == 42
                && System.getProperty("weft.agent.attached") == null;
        System.out.println("agent attached: " + (System.getProperty("weft.agent.attached") != null));
        System.out.println("first poll: " + first + ", second poll: " + second + ", on runtime: " + onRuntime);
        System.out.println(ok ? "suspended without the agent" : "FAILED");
        if (!ok) {
            System.exit(1);
        }
    }
}
