package dev.weft.itest.harness;

import dev.weft.AsyncCallable;
import dev.weft.Coroutine;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drives coroutines by hand with {@link Coroutine#poll}: two poller threads, and a
 * {@link Completer} that completes the gates a suspended coroutine waits on.
 *
 * <p>A task that returned pending hands its newly pending gates to the completer; the gate's
 * completion fires the coroutine's waker, which schedules the next poll on a poller. In
 * {@link Mode#FORCED} the pollers alternate, so every resume runs on another thread than the
 * suspend; in {@link Mode#RANDOM} a seeded coin picks the poller.
 *
 * <h2>Shutdown</h2>
 * <ol><li>{@link #close()} closes the completer, then</li>
 * <li>shuts the pollers down; a poller blocked in a pinned await stays blocked (daemon).</li></ol>
 */
public final class CoroutineDriver implements AutoCloseable {
    private static final AtomicInteger DRIVERS = new AtomicInteger();

    private final ExecutorService[] pollers = new ExecutorService[2];
    private final Completer completer;
    private final Random pollerCoin;
    private final Object pickLock = new Object();
    private int nextPoller;
    private final java.util.List<DrivenTask> tasks = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * @param mode {@link Mode#FORCED} or {@link Mode#RANDOM}
     * @param seed seeds the completion order and the poller choice (random mode)
     */
    public CoroutineDriver(Mode mode, long seed) {
        int id = DRIVERS.incrementAndGet();
        for (int i = 0; i < pollers.length; i++) {
            String name = "itest-" + mode.label() + "-" + id + "-poller-" + i;
            pollers[i] = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
            });
        }
        boolean random = mode == Mode.RANDOM;
        this.completer = new Completer("itest-" + mode.label() + "-" + id + "-completer", random ? new Random(seed) : null);
        this.pollerCoin = random ? new Random(~seed) : null;
    }

    /**
     * Builds a coroutine of {@code body} and schedules its first poll.
     *
     * @param body the coroutine's body
     * @param ctx the run it belongs to
     * @return the task
     */
    public DrivenTask start(AsyncCallable<Object> body, RunContext ctx) {
        Coroutine<Object> co = Coroutine.of(body);
        if (ctx.gates() != 0 || !ctx.logSnapshot().isEmpty()) {
            throw new AssertionError("Coroutine.of ran the body before it was polled");
        }
        DrivenTask t = new DrivenTask(this, co, ctx);
        tasks.add(t);
        t.wake();
        return t;
    }

    void schedule(DrivenTask t) {
        int i;
        synchronized (pickLock) {
            i = pollerCoin == null ? (nextPoller++ & 1) : pollerCoin.nextInt(pollers.length);
        }
        pollers[i].execute(t::poll);
    }

    /** @return true if a poll of any of this driver's coroutines is parked in a pinned await */
    boolean anyBlockedPinned() {
        for (DrivenTask t : tasks) {
            if (t.blockedPinned()) {
                return true;
            }
        }
        return false;
    }

    void release(List<Runnable> completions) {
        completer.release(completions);
    }

    @Override
    public void close() {
        completer.close();
        for (ExecutorService p : pollers) {
            p.shutdownNow();
        }
    }

}
