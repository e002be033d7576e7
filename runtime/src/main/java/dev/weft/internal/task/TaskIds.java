package dev.weft.internal.task;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Task ids: unique in this JVM for its whole life, drawn from one counter. A thread that spawns
 * many tasks (a worker) draws them in blocks through its own {@link Block}, so a spawn costs no
 * atomic and touches no cache line that every spawning thread shares; ids then follow spawn
 * order per thread, not across threads.
 */
public final class TaskIds {
    /** Ids a {@link Block} reserves at once. */
    static final int BLOCK = 256;
    private static final AtomicLong NEXT = new AtomicLong(1);

    private TaskIds() {
    }

    /** @return a fresh id; any thread */
    public static long next() {
        return NEXT.getAndIncrement();
    }

    /** A run of ids reserved for one thread; that thread only. */
    public static final class Block {
        private long next;
        private long end;

        /** @return a fresh id, reserving the next block when this one is used up */
        public long take() {
            if (next == end) {
                next = NEXT.getAndAdd(BLOCK);
                end = next + BLOCK;
            }
            return next++;
        }
    }
}
