package dev.weft.diagnostics;

/**
 * The JMX view of one runtime, registered as {@code dev.weft:type=Runtime,name=<name>} while the
 * runtime is open (see {@code WeftRuntime.Builder.registerMBean}). Attributes are the fields of
 * {@link RuntimeMetrics}; operations dump the live tasks.
 *
 * <pre>{@code
 * // WeftRuntime.multiThread().registerMBean(true).build(), then in jconsole:
 * // dev.weft:type=Runtime,name="weft-1" -> attributes and the dumpTasks operation
 * }</pre>
 */
public interface WeftRuntimeMXBean {
    /** @return the runtime's name */
    String getName();

    /** @return worker threads */
    int getWorkers();

    /** @return live tasks */
    long getLiveTasks();

    /** @return tasks in the injection queue */
    long getInjectionQueueDepth();

    /** @return tasks in the local queues */
    long getLocalQueueDepth();

    /** @return polls so far */
    long getPolls();

    /** @return tasks stolen so far */
    long getSteals();

    /** @return worker parks so far */
    long getParks();

    /** @return blocking-pool threads */
    int getBlockingThreads();

    /** @return idle blocking-pool threads */
    int getIdleBlockingThreads();

    /** @return blocking jobs waiting for a thread */
    int getBlockingQueueDepth();

    /** @return timers pending */
    int getTimersPending();

    /** @return every live task with its state and logical stack, as text */
    String dumpTasks();

    /** @return how many {@code dev.weft.TaskDump} events were written (0 if no recording wants them) */
    int recordTaskDump();
}
