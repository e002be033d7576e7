package dev.weft.internal.scheduler;

/**
 * The counters only a scheduler flavour knows, for {@link RuntimeCore#metrics()}.
 *
 * @param workers threads that poll tasks
 * @param injectionQueueDepth tasks in the shared queue
 * @param localQueueDepth tasks in per-worker queues, together
 * @param polls polls so far
 * @param steals tasks stolen so far
 * @param parks parks so far
 */
public record SchedulerStats(int workers, long injectionQueueDepth, long localQueueDepth, long polls, long steals, long parks) {
}
