package dev.weft.itest.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The thread that completes pending gates, so that every suspended await is resumed by a wake-up
 * from another thread. FIFO in {@link Mode#FORCED}; in {@link Mode#RANDOM} it picks a random
 * released gate each time, so gates of several coroutines complete in random order.
 *
 * <h2>Who may call</h2>
 * {@link #release(List)} from any thread; the completer thread runs the completions.
 *
 * <h2>Shutdown</h2>
 * <ol><li>{@link #close()} sets {@code closed} under the lock and notifies;</li>
 * <li>the thread exits at its next wait, leaving any unreleased gates pending.</li></ol>
 */
final class Completer implements AutoCloseable {
    private final Object lock = new Object();
    private final List<Runnable> released = new ArrayList<>();
    private final Random order;
    private final Thread thread;
    private boolean closed;

    /**
     * @param name the thread name
     * @param order random order, or null for FIFO
     */
    Completer(String name, Random order) {
        this.order = order;
        this.thread = new Thread(this::loop, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** @param completions completions of gates whose awaiter has suspended */
    void release(List<Runnable> completions) {
        if (completions.isEmpty()) {
            return;
        }
        synchronized (lock) {
            released.addAll(completions);
            lock.notifyAll();
        }
    }

    private void loop() {
        while (true) {
            Runnable next;
            synchronized (lock) {
                while (released.isEmpty() && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                next = released.remove(order == null ? 0 : order.nextInt(released.size()));
            }
            if (order != null && order.nextInt(4) == 0) {
                Thread.yield(); // let other coroutines release theirs, to mix the order more
            }
            next.run();
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
    }
}
