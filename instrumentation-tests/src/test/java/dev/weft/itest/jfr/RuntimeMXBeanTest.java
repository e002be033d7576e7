package dev.weft.itest.jfr;

import static dev.weft.Async.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.JoinHandle;
import dev.weft.Suspendable;
import dev.weft.WeftRuntime;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The runtime's MXBean: metrics as attributes, the task dump as an operation, gone after close. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RuntimeMXBeanTest {
    private final CompletableFuture<Integer> gate = new CompletableFuture<>();

    @Suspendable
    int awaitGate() {
        return await(gate) + 1;
    }

    @Test
    void attributesAndTaskDumpOverJmx() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name;
        try (WeftRuntime rt = WeftRuntime.multiThread().workerThreads(3).registerMBean(true).build()) {
            name = new ObjectName("dev.weft:type=Runtime,name=" + ObjectName.quote(rt.name()));
            JoinHandle<Integer> h = rt.spawn("gated", this::awaitGate);
            // wait until its first poll suspended it
            for (int i = 0; i < 2000 && rt.dumpTasks().stream().allMatch(t -> t.stack().isEmpty()); i++) {
                Thread.sleep(5);
            }
            assertTrue(server.isRegistered(name));
            assertEquals(3, server.getAttribute(name, "Workers"));
            assertEquals(1L, server.getAttribute(name, "LiveTasks"));
            assertTrue((Long) server.getAttribute(name, "Polls") >= 1);
            assertEquals(0, server.getAttribute(name, "TimersPending"));
            assertEquals(rt.name(), server.getAttribute(name, "Name"));
            String dump = (String) server.invoke(name, "dumpTasks", new Object[0], new String[0]);
            assertTrue(dump.contains("\"gated\" IDLE"), dump);
            assertTrue(dump.contains(".awaitGate(RuntimeMXBeanTest.java:"), dump);
            assertEquals(0, server.invoke(name, "recordTaskDump", new Object[0], new String[0]), "no recording: no events");
            gate.complete(41);
            assertEquals(42, h.toCompletableFuture().get(10, TimeUnit.SECONDS));
        }
        assertFalse(server.isRegistered(name));
    }
}
