package dev.weft.bench.workloads;

import dev.weft.WeftRuntime;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadFactory;

/**
 * The runtimes every workload compares, all with {@link #WORKERS} worker threads (2, or
 * {@code -Dweft.bench.workers=N}, which bench/run-scaling.sh sets): Weft's multi-thread runtime,
 * virtual threads (JDK 21+, scheduler parallelism {@code WORKERS}), {@code CompletableFuture} on a
 * {@code ForkJoinPool(WORKERS)}, and kotlinx.coroutines on {@code Dispatchers.Default} (core pool
 * size {@code WORKERS}).
 *
 * <p>The bench module compiles with {@code --release 17}, so virtual threads are created through
 * a {@link MethodHandle} on {@code Thread.ofVirtual().factory()}; on JDK 17 the vthreads variant
 * fails its setup with a message saying so, and JMH goes on with the other variants.
 */
final class Baselines {
    /** Worker threads of every runtime: the machine the goals were set on has 2 cores. */
    static final int WORKERS = Integer.getInteger("weft.bench.workers", 2);

    private Baselines() {
    }

    /**
     * Pins the pool sizes of the virtual-thread scheduler and of {@code Dispatchers.Default} to
     * {@link #WORKERS}. Both are read once, when the pool is first used, so call this in every
     * {@code @Setup} before touching them (a {@code -D} on the command line wins).
     */
    static void configure() {
        setIfAbsent("jdk.virtualThreadScheduler.parallelism", Integer.toString(WORKERS));
        setIfAbsent("kotlinx.coroutines.scheduler.core.pool.size", Integer.toString(WORKERS));
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** @return Weft's multi-thread runtime with {@link #WORKERS} workers */
    static WeftRuntime weft() {
        return WeftRuntime.multiThread().workerThreads(WORKERS).threadNamePrefix("bench-weft-").build();
    }

    /** @return the pool {@code CompletableFuture.runAsync(..., pool)} runs on */
    static ForkJoinPool forkJoinPool() {
        return new ForkJoinPool(WORKERS);
    }

    /**
     * @return {@code Thread.ofVirtual().factory()}
     * @throws UnsupportedOperationException before JDK 21
     */
    static ThreadFactory virtualThreads() {
        configure();
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> builder = Class.forName("java.lang.Thread$Builder$OfVirtual");
            MethodHandle ofVirtual = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(builder));
            MethodHandle factory = lookup.findVirtual(builder, "factory", MethodType.methodType(ThreadFactory.class));
            return (ThreadFactory) factory.invoke(ofVirtual.invoke());
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            throw new UnsupportedOperationException("virtual threads need JDK 21 or newer; this is "
                    + System.getProperty("java.version") + "; this variant is skipped, the others run", e);
        } catch (Throwable e) {
            throw new IllegalStateException("could not create a virtual thread factory", e);
        }
    }

    /**
     * Starts a virtual thread.
     *
     * @param factory from {@link #virtualThreads()}
     * @param body what it runs
     */
    static void startVirtual(ThreadFactory factory, Runnable body) {
        factory.newThread(body).start();
    }
}
