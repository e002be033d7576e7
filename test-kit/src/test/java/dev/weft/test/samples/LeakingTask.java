package dev.weft.test.samples;

import static dev.weft.Async.await;

import dev.weft.Suspendable;
import dev.weft.Task;
import dev.weft.test.WeftTest;
import java.util.concurrent.CompletableFuture;

/** Run only through {@code Samples}: a test that returns while a task it spawned still waits. */
public class LeakingTask {
    @WeftTest
    @Suspendable
    void leavesATaskBehind() {
        Task.spawn("forgotten", () -> waitForever());
    }

    @Suspendable
    static Object waitForever() {
        return await(new CompletableFuture<>());
    }
}
