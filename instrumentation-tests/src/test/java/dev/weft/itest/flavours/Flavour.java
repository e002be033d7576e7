package dev.weft.itest.flavours;

import dev.weft.WeftRuntime;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The runtime configurations every behaviour of {@link RuntimeFlavoursTest} runs on, as Tokio's
 * {@code rt_common} runs its tests on each scheduler: the current-thread runtime, and the
 * multi-thread runtime with one worker, with two, and with four (more workers than a small CI
 * machine has cores, so workers are preempted while they hold tasks).
 */
public enum Flavour {
    /** Every task runs on the thread inside {@code blockOn}, and only while one is. */
    CURRENT_THREAD(0),
    /** One worker: every spawned task shares it, and none runs on the {@code blockOn} thread. */
    MULTI_THREAD_1(1),
    /** Two workers: tasks are stolen and resume on either. */
    MULTI_THREAD_2(2),
    /** Four workers, more than the cores of a small machine. */
    MULTI_THREAD_4(4);

    /** Makes every runtime's thread names unique, so a test can count the threads of its own runtime. */
    private static final AtomicInteger BUILT = new AtomicInteger();

    private final int workers;

    Flavour(int workers) {
        this.workers = workers;
    }

    /** @return true for the multi-thread runtime */
    public boolean isMultiThread() {
        return workers > 0;
    }

    /** @return the worker threads of a runtime of this flavour; 0 for the current-thread runtime */
    public int workers() {
        return workers;
    }

    /**
     * A builder for this flavour, for a test that needs more than {@link #build()} gives (a
     * failure handler, a paused clock), with a thread-name prefix no other runtime uses.
     *
     * @return the builder and the prefix its threads are named with
     */
    public Named builder() {
        String prefix = "flavour-" + name().toLowerCase(java.util.Locale.ROOT) + "-" + BUILT.incrementAndGet() + "-";
        WeftRuntime.Builder b = isMultiThread()
                ? WeftRuntime.multiThread().workerThreads(workers)
                : WeftRuntime.currentThread();
        return new Named(b.threadNamePrefix(prefix), prefix);
    }

    /** @return a started runtime of this flavour with default settings */
    public WeftRuntime build() {
        return builder().builder().build();
    }

    /**
     * A builder together with the prefix its threads are named with (workers:
     * {@code prefix + index}; blocking pool: {@code prefix + "blocking-" + n}).
     *
     * @param builder the builder
     * @param threadNamePrefix the prefix
     */
    public record Named(WeftRuntime.Builder builder, String threadNamePrefix) {
    }
}
