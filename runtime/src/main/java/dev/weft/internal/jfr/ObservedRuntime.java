package dev.weft.internal.jfr;

import dev.weft.diagnostics.RuntimeMetrics;
import dev.weft.diagnostics.TaskInfo;
import java.util.List;

/**
 * What periodic events and the runtime's MXBean read of a runtime. The runtime core implements
 * it, so the diagnostics below it need nothing of the core's.
 */
public interface ObservedRuntime {
    /** @return the runtime's name, as its worker threads and MXBean show it */
    String name();

    /** @return the runtime's counters now; any thread */
    RuntimeMetrics metrics();

    /** @return every live task, its state and logical stack; any thread */
    List<TaskInfo> dumpTasks();
}
