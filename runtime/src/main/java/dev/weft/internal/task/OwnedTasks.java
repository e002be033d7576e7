package dev.weft.internal.task;

import dev.weft.internal.sync.SpinLock;
import java.util.ArrayList;
import java.util.List;

/**
 * Every live task of one runtime, so that shutdown can cancel them all and name the ones that do
 * not finish. An intrusive doubly linked list split into shards, each behind its own lock, as in
 * Tokio's {@code OwnedTasks}; a task's shard is picked by its id.
 *
 * <h2>Shutdown</h2>
 * <ol>
 *   <li>{@link #close()} sets {@code closed}, then every later {@link #bind} fails. {@code bind}
 *       checks the flag under the shard lock, and {@link #snapshot()} takes each shard lock after
 *       the flag was set, so a task is either refused or seen by the snapshot.</li>
 *   <li>The runtime aborts every task of the snapshot and waits until {@link #isEmpty()}.</li>
 * </ol>
 *
 * <h2>The shard lock</h2>
 * A {@link SpinLock}: every spawn binds and every completion removes, usually on different
 * workers, so this lock is on the spawn path twice; a monitor here cost spawn_many 114 ns per
 * task against 99 with the spin lock (medians of eight forks, bench/RESULTS.md, "The owned-task
 * lock"). The sections are a few pointer writes, except a snapshot or a count, which walk a
 * shard (dumps, metrics, shutdown).
 */
public final class OwnedTasks {
    /** One shard: its list, guarded by the lock it is. */
    private static final class Shard extends SpinLock {
        TaskCell<?> head;
        int size;
    }

    private final Shard[] shards;
    private final int mask;
    private volatile boolean closed;

    /** @param concurrency roughly how many threads spawn and complete at once */
    public OwnedTasks(int concurrency) {
        int n = Integer.highestOneBit(Math.max(1, concurrency * 4) * 2 - 1);
        shards = new Shard[n];
        for (int i = 0; i < n; i++) {
            shards[i] = new Shard();
        }
        mask = n - 1;
    }

    private Shard shardOf(TaskCell<?> t) {
        return shards[(int) t.id() & mask];
    }

    /**
     * Adds a new task.
     *
     * @param t the task, not yet scheduled
     * @return false if the runtime is closed (the task must not run)
     */
    public boolean bind(TaskCell<?> t) {
        Shard s = shardOf(t);
        s.lock();
        try {
            if (closed) {
                return false;
            }
            TaskCell<?> h = s.head;
            t.ownedNext = h;
            if (h != null) {
                h.ownedPrev = t;
            }
            s.head = t;
            s.size++;
        } finally {
            s.unlock();
        }
        return true;
    }

    /** @param t a completed task; removed if it is still listed */
    public void remove(TaskCell<?> t) {
        Shard s = shardOf(t);
        s.lock();
        try {
            if (s.head != t && t.ownedPrev == null) {
                return; // not listed (never bound, or removed already): only the head has no prev
            }
            TaskCell<?> p = t.ownedPrev;
            TaskCell<?> n = t.ownedNext;
            if (p == null) {
                s.head = n;
            } else {
                p.ownedNext = n;
            }
            if (n != null) {
                n.ownedPrev = p;
            }
            t.ownedPrev = null;
            t.ownedNext = null;
            s.size--;
        } finally {
            s.unlock();
        }
    }

    /** Refuses every later {@link #bind}. */
    public void close() {
        closed = true;
    }

    /** @return true once {@link #close()} was called */
    public boolean isClosed() {
        return closed;
    }

    /** @return the live tasks now */
    public List<TaskCell<?>> snapshot() {
        List<TaskCell<?>> out = new ArrayList<>();
        for (Shard s : shards) {
            s.lock();
            try {
                for (TaskCell<?> t = s.head; t != null; t = t.ownedNext) {
                    out.add(t);
                }
            } finally {
                s.unlock();
            }
        }
        return out;
    }

    /** @return how many tasks are live */
    public int size() {
        int n = 0;
        for (Shard s : shards) {
            s.lock();
            try {
                n += s.size;
            } finally {
                s.unlock();
            }
        }
        return n;
    }

    /** @return true if no task is live */
    public boolean isEmpty() {
        return size() == 0;
    }
}
