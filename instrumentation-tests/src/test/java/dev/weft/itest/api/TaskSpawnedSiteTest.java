package dev.weft.itest.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Task;
import dev.weft.WeftRuntime;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code dev.weft.TaskSpawned}'s stack starts at the user's frame, whichever spawn was called. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TaskSpawnedSiteTest {
    @Test
    void theFirstFrameIsTheLineThatSpawned(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("spawn.jfr");
        try (Recording r = new Recording()) {
            r.enable("dev.weft.TaskSpawned");
            r.start();
            try (WeftRuntime rt = WeftRuntime.currentThread().build()) {
                rt.blockOn(() -> {
                    Task.spawn("by-task-spawn", () -> 1).join();
                    Task.spawn(() -> 2).join();
                    return null;
                });
                rt.spawn("by-runtime-spawn", () -> 3);
                rt.blockOn(() -> null);
            }
            r.stop();
            r.dump(file);
        }
        Map<String, String> stackByName = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals("dev.weft.TaskSpawned"))
                .collect(Collectors.toMap(e -> e.getString("taskName"), e -> e.getString("stack"), (a, b) -> a));
        String me = TaskSpawnedSiteTest.class.getName();
        for (String name : List.of("by-task-spawn", "by-runtime-spawn")) {
            String stack = stackByName.get(name);
            assertTrue(stack != null && stack.startsWith(me + "."), name + ": " + stack);
            assertFalse(stack.lines().findFirst().orElseThrow().contains("dev.weft.internal"), stack);
        }
        assertTrue(stackByName.get("by-runtime-spawn").startsWith(me + ".theFirstFrameIsTheLineThatSpawned(TaskSpawnedSiteTest.java:"));
        assertEquals(3, stackByName.size(), stackByName.toString());
    }
}
