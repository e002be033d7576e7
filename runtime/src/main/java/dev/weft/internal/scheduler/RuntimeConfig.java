package dev.weft.internal.scheduler;

import dev.weft.internal.time.ClockSource;
import java.time.Duration;

/**
 * What a {@code WeftRuntime.Builder} decided; validated there, immutable here.
 *
 * @param workerThreads worker threads of a multi-thread runtime (1 for current-thread)
 * @param threadNamePrefix worker names are this prefix followed by the worker's index
 * @param onTaskFailure told about every task that ends by throwing (not by cancellation)
 * @param shutdownTimeout how long {@code close()} waits for cancelled tasks to finish
 * @param localQueueCapacity slots of each worker's local run queue (a power of two)
 * @param eventInterval a worker checks the injection queue first every this many polls
 * @param clock where timers read time (a paused clock in tests)
 * @param maxBlockingThreads most threads of the blocking pool
 * @param blockingKeepAlive how long an idle blocking thread waits before it retires
 * @param workerStackSize stack size of each worker thread in bytes, or 0 for the JVM's default
 */
public record RuntimeConfig(
        int workerThreads,
        String threadNamePrefix,
        FailureHook onTaskFailure,
        Duration shutdownTimeout,
        int localQueueCapacity,
        int eventInterval,
        ClockSource clock,
        int maxBlockingThreads,
        Duration blockingKeepAlive,
        long workerStackSize) {

    /** Told about a task that ended by throwing; called on the thread that finished the task. */
    @FunctionalInterface
    public interface FailureHook {
        /**
         * @param taskId the task's id
         * @param cause what it threw
         */
        void failed(long taskId, Throwable cause);
    }

    /** Local queue slots per worker, as in Tokio. */
    public static final int DEFAULT_LOCAL_QUEUE_CAPACITY = 256;
    /** Polls between two fairness checks of the injection queue, as in Tokio. */
    public static final int DEFAULT_EVENT_INTERVAL = 61;
    /** Blocking-pool threads at most, as in Tokio. */
    public static final int DEFAULT_MAX_BLOCKING_THREADS = 512;
    /** Idle time before a blocking thread retires, as in Tokio. */
    public static final Duration DEFAULT_BLOCKING_KEEP_ALIVE = Duration.ofSeconds(10);
    /** The smallest worker stack size a builder accepts: less cannot run the runtime itself. */
    public static final long MIN_WORKER_STACK_SIZE = 256 * 1024;
    /** The largest worker stack size a builder accepts. */
    public static final long MAX_WORKER_STACK_SIZE = 1L << 30;
}
