package dev.weft.bench.workloads;

import dev.weft.WeftRuntime;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadFactory;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What a workload compares: the runtime its trial measures, named by the workload's own
 * {@code @Param runtime} (each workload lists the contenders it has code for), started before
 * the trial and stopped after it. Weft, a fork-join pool (for CompletableFuture) and a
 * virtual-thread factory are built here; kotlinx needs nothing started.
 */
abstract class Contenders {
    /** Weft's runtime, while {@code runtime()} is "weft". */
    WeftRuntime weft;
    /** The pool CompletableFuture runs on, while {@code runtime()} is "cf". */
    ForkJoinPool pool;
    /** Virtual threads, while {@code runtime()} is "vthreads". */
    ThreadFactory virtual;

    /** @return the contender this trial measures: the workload's {@code @Param} */
    abstract String runtime();

    /** Called once the contender is started, for what a workload builds on it. */
    void started() {
    }

    @Setup
    public void startContender() {
        Baselines.configure();
        switch (runtime()) {
            case "weft": weft = Baselines.weft(); break;
            case "cf": pool = Baselines.forkJoinPool(); break;
            case "vthreads": virtual = Baselines.virtualThreads(); break;
            case "kotlinx": break;
            default: throw new IllegalArgumentException("unknown runtime " + runtime());
        }
        started();
    }

    @TearDown
    public void stopContender() {
        if (weft != null) {
            weft.close();
        }
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
