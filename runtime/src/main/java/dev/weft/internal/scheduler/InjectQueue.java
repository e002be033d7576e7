package dev.weft.internal.scheduler;

import java.util.ArrayDeque;

/**
 * The runtime's shared injection queue: tasks spawned or woken from threads that are not its
 * workers, and the overflow of full local queues. FIFO, behind one lock (as in Tokio, whose
 * {@code scheduler/inject} is a mutex-protected list: it is off the hot path of a busy worker).
 * A monitor, not the {@code SpinLock} the owned-task list uses: here one thread may push
 * continuously while the workers pop, and under that contention the spin lock made memory_idle's
 * wake-all slower (218–308 against 224–231 ns/task, bench/RESULTS.md, "The owned-task lock").
 *
 * <h2>Memory ordering</h2>
 * {@code len} is volatile and written under the lock after each change, so {@link #isEmpty()}
 * without the lock is a fresh (if racy) answer; a pusher's volatile write of {@code len}
 * followed by its read of the idle state pairs with a parking worker's state change followed by
 * its read of {@code len} (the Dekker pattern that keeps a wake-up from being lost).
 *
 * @param <T> the element type (a task)
 */
public final class InjectQueue<T> {
    private final ArrayDeque<T> queue = new ArrayDeque<>();
    private volatile int len;

    /** @param task the task to append; any thread */
    public void push(T task) {
        synchronized (queue) {
            queue.addLast(task);
            len = queue.size();
        }
    }

    /** @param tasks tasks to append in order; any thread */
    @SuppressWarnings("unchecked")
    public void pushBatch(Object[] tasks) {
        synchronized (queue) {
            for (Object t : tasks) {
                queue.addLast((T) t);
            }
            len = queue.size();
        }
    }

    /** @return the oldest task, or null; any thread */
    public T pop() {
        if (len == 0) {
            return null;
        }
        synchronized (queue) {
            T t = queue.pollFirst();
            len = queue.size();
            return t;
        }
    }

    /**
     * Takes up to {@code max} tasks, oldest first.
     *
     * @param out where to put them, from index 0
     * @param max at most this many (and at most {@code out.length})
     * @return how many were taken
     */
    public int popBatch(Object[] out, int max) {
        if (len == 0) {
            return 0;
        }
        synchronized (queue) {
            int n = Math.min(Math.min(max, out.length), queue.size());
            for (int i = 0; i < n; i++) {
                out[i] = queue.pollFirst();
            }
            len = queue.size();
            return n;
        }
    }

    /** @return true if empty (racy, without the lock) */
    public boolean isEmpty() {
        return len == 0;
    }

    /** @return the length (racy, without the lock) */
    public int len() {
        return len;
    }
}
