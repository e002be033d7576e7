package app;

import static dev.weft.Async.await;

import dev.weft.Suspendable;
import dev.weft.Task;
import dev.weft.WeftRuntime;
import java.util.concurrent.CompletableFuture;

public final class Doubler {
    private Doubler() {
    }

    @Suspendable
    public static int twice(CompletableFuture<Integer> input) {
        return 2 * await(input);
    }

    /** A spawned task joined on a one-thread runtime: only works if join suspends. */
    public static int spawned() throws Exception {
        try (WeftRuntime rt = WeftRuntime.currentThread().build()) {
            return rt.blockOn(() -> {
                CompletableFuture<Integer> gate = new CompletableFuture<>();
                var child = Task.spawn(() -> twice(gate));
                Task.spawn(() -> gate.complete(21));
                return child.join();
            });
        }
    }
}
