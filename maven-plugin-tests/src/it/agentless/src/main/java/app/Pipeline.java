package app;

import static dev.weft.Async.await;

import dev.weft.JoinHandle;
import dev.weft.Suspendable;
import dev.weft.Task;
import dev.weft.WeftRuntime;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Code as a user writes it: awaits on a future, a spawned task, a timer, nothing Weft-specific in the build but the plug-in. */
public final class Pipeline {
    private Pipeline() {
    }

    /** Awaits {@code input} and adds one: suspends while it is not complete. */
    @Suspendable
    public static int plusOne(CompletableFuture<Integer> input) {
        return await(input) + 1;
    }

    /** Two tasks and a timer on a one-thread runtime: works only if join and sleep suspend. */
    public static int onRuntime() throws Exception {
        try (WeftRuntime rt = WeftRuntime.currentThread().build()) {
            return rt.blockOn(() -> {
                CompletableFuture<Integer> gate = new CompletableFuture<>();
                JoinHandle<Integer> waiter = Task.spawn(() -> plusOne(gate));
                JoinHandle<Integer> opener = Task.spawn(() -> {
                    dev.weft.time.Time.sleep(Duration.ofMillis(1));
                    gate.complete(40);
                    return 1;
                });
                return waiter.join() + opener.join();
            });
        }
    }
}
