package dev.weft.diagnostics;

/**
 * A snapshot of a runtime's counters, in the spirit of tokio-metrics. Gauges are read at the
 * moment of the call; counters ({@code polls}, {@code steals}, {@code parks}) are cumulative
 * since the runtime started, summed over per-worker fields that only their worker writes, so
 * reading them costs the workers nothing. Values read from several workers are not one atomic
 * snapshot.
 *
 *
 * <pre>{@code
 * RuntimeMetrics m = rt.metrics();
 * System.out.println(m);
 * }</pre>
 * @param workers worker threads (1 for a current-thread runtime: the thread inside blockOn)
 * @param liveTasks tasks spawned and not yet completed
 * @param injectionQueueDepth tasks waiting in the shared injection queue
 * @param localQueueDepth tasks waiting in the workers' local queues, together
 * @param polls task polls so far
 * @param steals tasks moved from one worker's queue to another's so far
 * @param parks times a worker parked for lack of work so far
 * @param blockingThreads threads of the blocking pool
 * @param idleBlockingThreads of which waiting for work
 * @param blockingQueueDepth blocking jobs waiting for a thread
 * @param timersPending timers registered and not yet fired or cancelled
 */
public record RuntimeMetrics(
        int workers,
        long liveTasks,
        long injectionQueueDepth,
        long localQueueDepth,
        long polls,
        long steals,
        long parks,
        int blockingThreads,
        int idleBlockingThreads,
        int blockingQueueDepth,
        int timersPending) {
}
