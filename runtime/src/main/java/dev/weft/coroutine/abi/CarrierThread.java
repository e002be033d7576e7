package dev.weft.coroutine.abi;

/**
 * A thread that runs coroutines and keeps the one it is running in a field, so that
 * {@link Continuation#current()} (on the fast path of every rewritten method) costs a type check
 * and a field read instead of a {@link ThreadLocal} lookup. The runtime's worker threads are
 * carriers; any other thread falls back to a thread-local.
 */
public class CarrierThread extends Thread {
    /** The continuation of the coroutine being polled on this thread; owner thread only. */
    Continuation continuation;

    /**
     * Creates a carrier thread.
     *
     * @param group the thread group, or null
     * @param task what the thread runs
     * @param name the thread name
     */
    public CarrierThread(ThreadGroup group, Runnable task, String name) {
        super(group, task, name);
    }

    /**
     * Creates a carrier thread with a requested stack size.
     *
     * @param group the thread group, or null
     * @param task what the thread runs
     * @param name the thread name
     * @param stackSize the stack size in bytes, or 0 for the JVM's default (see
     *     {@link Thread#Thread(ThreadGroup, Runnable, String, long)})
     */
    public CarrierThread(ThreadGroup group, Runnable task, String name, long stackSize) {
        super(group, task, name, stackSize);
    }
}
