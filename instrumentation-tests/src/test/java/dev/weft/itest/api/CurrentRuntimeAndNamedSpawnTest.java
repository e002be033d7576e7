package dev.weft.itest.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.JoinHandle;
import dev.weft.Task;
import dev.weft.WeftRuntime;
import dev.weft.diagnostics.TaskInfo;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code WeftRuntime.current()} and {@code Task.spawn(name, body)}. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CurrentRuntimeAndNamedSpawnTest {
    @Test
    void currentIsTheRuntimeOfTheCallingTaskOnEitherFlavour() throws Exception {
        try (WeftRuntime rt = WeftRuntime.multiThread().workerThreads(2).build()) {
            assertSame(rt, rt.blockOn(WeftRuntime::current), "inside blockOn");
            assertSame(rt, rt.spawn(WeftRuntime::current).join(), "on a worker");
        }
        try (WeftRuntime rt = WeftRuntime.currentThread().build()) {
            assertSame(rt, rt.blockOn(() -> Task.spawn(WeftRuntime::current).join()));
        }
    }

    @Test
    void outsideARuntimeCurrentThrowsAndTryCurrentIsEmpty() throws Exception {
        IllegalStateException e = assertThrows(IllegalStateException.class, WeftRuntime::current);
        assertTrue(e.getMessage().contains("outside a Weft runtime (thread '" + Thread.currentThread().getName() + "')"),
                e.getMessage());
        assertTrue(WeftRuntime.tryCurrent().isEmpty());
        // a thread the task hands work to is outside too: the runtime object crosses by value
        try (WeftRuntime rt = WeftRuntime.currentThread().build()) {
            assertTrue(rt.blockOn(() -> CompletableFuture.supplyAsync(WeftRuntime::tryCurrent).join()).isEmpty());
        }
    }

    @Test
    void aNamedSpawnShowsItsNameInTheTaskDump() throws Exception {
        try (WeftRuntime rt = WeftRuntime.currentThread().build()) {
            CompletableFuture<Void> never = new CompletableFuture<>();
            String dumped = rt.blockOn(() -> {
                JoinHandle<Void> h = Task.spawn("fetch users", () -> dev.weft.Async.await(never));
                Task.yieldNow();
                String names = rt.dumpTasks().stream().map(TaskInfo::name).reduce("", String::concat);
                h.abort();
                return names;
            });
            assertEquals("fetch users", dumped);
        }
    }

    @Test
    void aNamedSpawnOutsideARuntimeIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Task.spawn("x", () -> 1));
        assertTrue(e.getMessage().contains("Task.spawn was called outside a Weft runtime"), e.getMessage());
        try (WeftRuntime rt = WeftRuntime.currentThread().build()) {
            NullPointerException npe = assertThrows(NullPointerException.class, () -> rt.spawn(null, () -> 1));
            assertEquals("name", npe.getMessage());
        }
    }
}
