package dev.weft.itest.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.JoinHandle;
import dev.weft.Task;
import dev.weft.WeftRuntime;
import dev.weft.future.Poll;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Without a recording, the runtime must not load a single event class (loading one registers it
 * with the recorder: about 300 ms on a cold JDK 17) nor start the recorder. A child JVM runs a
 * workload that passes every hook (spawn, completion, park, unpark, steal, blocking pool) with
 * {@code -Xlog:class+load} and the test reads which classes it loaded.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DisabledEventsTest {
    /** The child's workload. */
    public static void main(String[] args) throws Exception {
        try (WeftRuntime rt = WeftRuntime.multiThread().workerThreads(2).build()) {
            List<JoinHandle<Integer>> hs = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                hs.add(rt.spawn(w -> Poll.ready(n)));
            }
            int sum = rt.blockOn(() -> {
                int s = Task.spawnBlocking(() -> 1).join();
                for (JoinHandle<Integer> h : hs) {
                    s += h.join();
                }
                return s;
            });
            System.out.println("sum=" + sum + " polls=" + rt.metrics().polls());
        }
    }

    @Test
    void noEventClassIsLoadedWithoutARecording() throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-javaagent:" + Path.of(System.getProperty("weft.agent.jar")).toAbsolutePath());
        if (Runtime.version().feature() >= 24) {
            cmd.add("--sun-misc-unsafe-memory-access=allow");
        }
        cmd.add("-Xlog:class+load=info:stdout");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(DisabledEventsTest.class.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("sum=" + (1 + 199 * 200 / 2)), out);
        List<String> loaded = out.lines().filter(l -> l.contains("dev.weft.internal.jfr.")
                || l.contains("jdk.jfr.internal.MetadataRepository")).toList();
        // jdk.jfr.Event itself may load (FlightRecorder's signatures name it); no subclass may, and
        // the recorder's metadata (what registering an event builds) must not exist
        assertFalse(loaded.stream().anyMatch(l -> l.matches(".*dev\\.weft\\.internal\\.jfr\\.\\w+Event .*")
                || l.contains("MetadataRepository")), String.join("\n", loaded));
        assertTrue(loaded.stream().anyMatch(l -> l.contains("dev.weft.internal.jfr.JfrGate")), "the gate itself is loaded");
    }
}
