package dev.weft.internal.task;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

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
 * A spin lock: a CAS takes it and a release store gives it back, one atomic instruction per
 * critical section where a monitor (or {@code ReentrantLock}) costs two. Every spawn binds and
 * every completion removes, usually on different workers, so this lock is on the spawn path
 * twice: measured on spawn_many, a monitor here cost 112–146 ns per task against 90–100 with
 * this lock (bench/RESULTS.md, "The owned-task lock"). The sections are a few pointer writes,
 * except a snapshot or a count, which walk a shard (dumps, metrics, shutdown); a waiter spins
 * briefly, then yields, then parks for growing pauses, so a holder that was descheduled is
 * not fought for the CPU.
 */
public final class OwnedTasks {
    private static final class Shard {
        private static final VarHandle LOCKED;
        private static final int SPINS = 64;
        private static final int YIELDS = 16;

        static {
            try {
                LOCKED = MethodHandles.lookup().findVarHandle(Shard.class, "locked", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        /** 1 while held. The CAS that sets it and the release store that clears it order the sections. */
        private volatile int locked;
        /** Guarded by the lock. */
        TaskCell<?> head;
        /** Guarded by the lock. */
        int size;

        void lock() {
            if (!LOCKED.compareAndSet(this, 0, 1)) {
                lockContended();
            }
        }

        private void lockContended() {
            long pause = 10_000;
            for (int tries = 0; ; tries++) {
                if (locked == 0 && LOCKED.compareAndSet(this, 0, 1)) {
                    return;
                }
                if (tries < SPINS) {
                    Thread.onSpinWait();
                } else if (tries < SPINS + YIELDS) {
                    Thread.yield();
                } else {
                    LockSupport.parkNanos(this, pause);
                    pause = Math.min(pause * 2, 1_000_000);
                }
            }
        }

        void unlock() {
            LOCKED.setRelease(this, 0);
        }
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
