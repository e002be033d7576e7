package app;

import static dev.weft.Async.await;

import dev.weft.Suspendable;
import java.util.concurrent.CompletableFuture;

public final class Locked {
    private final Object lock = new Object();

    @Suspendable
    public int inLock(CompletableFuture<Integer> f) {
        synchronized (lock) {
            return await(f); // line 14: a monitor cannot move with a suspended coroutine
        }
    }
}
