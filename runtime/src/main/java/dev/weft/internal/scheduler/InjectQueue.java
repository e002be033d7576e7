package dev.weft.internal.scheduler;

import dev.weft.internal.sync.SpinLock;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;

/**
 * The runtime's shared injection queue: tasks spawned or woken from threads that are not its
 * workers, and the overflow of full local queues. FIFO, behind one {@link SpinLock} (Tokio's
 * {@code scheduler/inject} is a mutex-protected list too: it is off the hot path of a busy
 * worker, but every wake from outside the runtime takes it, against the workers that pop).
 *
 * <h2>Memory ordering</h2>
 * {@code len} is volatile and written under the lock after each change, with release order:
 * {@link #isEmpty()} without the lock is a fresh (if racy) answer. A pusher's write of
 * {@code len} is followed by the full fence in {@code Idle}'s wake-up check before it reads the
 * idle state, which pairs with a parking worker's state change (a CAS) followed by its read of
 * {@code len}: the Dekker pattern that keeps a wake-up from being lost needs that fence, not a
 * volatile store here as well.
 *
 * @param <T> the element type (a task)
 */
public final class InjectQueue<T> {
    private static final VarHandle LEN;

    static {
        try {
            LEN = MethodHandles.lookup().findVarHandle(InjectQueue.class, "len", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final SpinLock lock = new SpinLock();
    /** Guarded by {@code lock}. */
    private final ArrayDeque<T> queue = new ArrayDeque<>();
    private volatile int len;

    /** @param task the task to append; any thread */
    public void push(T task) {
        lock.lock();
        try {
            queue.addLast(task);
            LEN.setRelease(this, queue.size());
        } finally {
            lock.unlock();
        }
    }

    /** @param tasks tasks to append in order; any thread */
    @SuppressWarnings("unchecked")
    public void pushBatch(Object[] tasks) {
        lock.lock();
        try {
            for (Object t : tasks) {
                queue.addLast((T) t);
            }
            LEN.setRelease(this, queue.size());
        } finally {
            lock.unlock();
        }
    }

    /** @return the oldest task, or null; any thread */
    public T pop() {
        if (len == 0) {
            return null;
        }
        lock.lock();
        try {
            T t = queue.pollFirst();
            LEN.setRelease(this, queue.size());
            return t;
        } finally {
            lock.unlock();
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
        lock.lock();
        try {
            int n = Math.min(Math.min(max, out.length), queue.size());
            for (int i = 0; i < n; i++) {
                out[i] = queue.pollFirst();
            }
            LEN.setRelease(this, queue.size());
            return n;
        } finally {
            lock.unlock();
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
