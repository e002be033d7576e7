package dev.weft.test;

import dev.weft.WeftRuntime;
import java.time.Duration;

/**
 * The runtime a {@code @WeftTest} asks for, checked once: a bad combination fails the test with a
 * message naming the attribute, before anything runs.
 *
 * @param flavor the flavour
 * @param workerThreads workers of a multi-thread runtime
 * @param paused whether the clock is paused
 */
record TestSettings(WeftTest.Flavor flavor, int workerThreads, boolean paused) {
    private static final int DEFAULT_WORKERS = 2;
    /** How long closing the runtime waits for the cancelled leftovers of a failed test. */
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

    static TestSettings of(WeftTest a, String where) {
        boolean multi = a.flavor() == WeftTest.Flavor.MULTI_THREAD;
        if (a.workerThreads() < 0 || (!multi && a.workerThreads() != 0)) {
            throw new IllegalArgumentException("@WeftTest on " + where + ": workerThreads = " + a.workerThreads()
                    + " needs flavor = MULTI_THREAD and a positive count");
        }
        if (a.paused() && multi) {
            throw new IllegalArgumentException("@WeftTest on " + where + ": paused = true needs the current-thread flavour");
        }
        if (a.schedules() < 1) {
            throw new IllegalArgumentException("@WeftTest on " + where + ": schedules must be at least 1, got " + a.schedules());
        }
        if ((a.schedules() > 1 || a.seed() != WeftTest.NO_SEED) && multi) {
            throw new IllegalArgumentException("@WeftTest on " + where + ": random schedules need the current-thread flavour"
                    + " (a multi-thread runtime's workers race, so a seed could not replay)");
        }
        return new TestSettings(a.flavor(), multi && a.workerThreads() == 0 ? DEFAULT_WORKERS : a.workerThreads(), a.paused());
    }

    /**
     * @param seed a random schedule's seed, or null for the runtime's own order
     * @return a runtime as asked for
     */
    WeftRuntime build(Long seed) {
        WeftRuntime.Builder b = flavor == WeftTest.Flavor.MULTI_THREAD
                ? WeftRuntime.multiThread().workerThreads(workerThreads).threadNamePrefix("weft-test-worker-")
                : WeftRuntime.currentThread();
        b.startPaused(paused).shutdownTimeout(SHUTDOWN_TIMEOUT);
        if (seed != null) {
            b.randomSchedule(seed);
        }
        return b.build();
    }
}
