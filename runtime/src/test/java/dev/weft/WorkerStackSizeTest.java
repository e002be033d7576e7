package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Poll;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link WeftRuntime.Builder#workerStackSize(long)}: applied to the workers, validated. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WorkerStackSizeTest {
    static long depth(long n) {
        return n == 0 ? 0 : 1 + depth(n - 1);
    }

    @Test
    void aLargeWorkerStackRunsADeepRecursion() throws Exception {
        // 200,000 frames need tens of MiB interpreted: far past the JVM's default 1 MiB
        try (WeftRuntime rt = WeftRuntime.multiThread().workerThreads(1).workerStackSize(512L << 20).build()) {
            JoinHandle<Long> h = rt.spawn(w -> Poll.ready(depth(200_000)));
            assertEquals(200_000L, rt.blockOn(h));
        }
    }

    @Test
    void outOfRangeSizesAreRefusedWithTheLimits() {
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                () -> WeftRuntime.multiThread().workerStackSize(1024));
        assertTrue(small.getMessage().contains("workerStackSize must be between 262144 and 1073741824"), small.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WeftRuntime.multiThread().workerStackSize(0));
        assertThrows(IllegalArgumentException.class, () -> WeftRuntime.multiThread().workerStackSize(-1));
        assertThrows(IllegalArgumentException.class, () -> WeftRuntime.multiThread().workerStackSize((1L << 30) + 1));
        IllegalStateException current = assertThrows(IllegalStateException.class,
                () -> WeftRuntime.currentThread().workerStackSize(1 << 20));
        assertTrue(current.getMessage().contains("multi-thread"), current.getMessage());
    }
}
