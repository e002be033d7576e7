package dev.weft.bench.workloads;

import dev.weft.Async;
import dev.weft.WeftRuntime;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * memory_idle, a plain main (JMH cannot measure retained heap): {@code tasks} tasks each
 * suspended on its own unfired one-shot signal.
 *
 * <ol>
 *   <li>Start the runtime and allocate the array that will hold the signals; GC; read the used
 *       heap: the baseline.</li>
 *   <li>Spawn the tasks; wait until every one has reached its await and the workers are idle;
 *       GC; read the used heap. {@code (used - baseline) / tasks} is the score: task, its frame
 *       state, its signal and whatever the runtime keeps per task.</li>
 *   <li>Fire every signal from the main thread and wait until the last task ran:
 *       {@code elapsed / tasks} is the wake-all score (ns per task).</li>
 * </ol>
 * Each round runs in the same JVM with a fresh runtime; the first {@code warmup} rounds are
 * printed but not counted, and the medians of the others are printed last.
 *
 * <p>Usage: {@code java -Xmx4g [-javaagent:weft-agent.jar] -cp benchmarks.jar
 * dev.weft.bench.workloads.MemoryIdle <weft|vthreads|cf|kotlinx> [tasks] [warmup] [rounds]}
 *
 * <p>The signal per runtime: Weft, {@link OneShot} awaited with {@code Async.await}; virtual
 * threads, the same {@link OneShot} parked on with {@link OneShot#block()}; kotlinx, a
 * {@code CompletableDeferred<Unit>} awaited in a {@code launch}; CompletableFuture has no task
 * to suspend, so it is one {@code CompletableFuture} per task with a {@code thenRunAsync} on the
 * pool (the reference figure is labelled "no task, only a future" for that reason).
 */
public final class MemoryIdle {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    /** {@code -Dmemoryidle.histogram=N}: print the top N lines of the live-class histogram while suspended. */
    private static final int HISTOGRAM = Integer.getInteger("memoryidle.histogram", 0);

    /** One runtime's way to suspend {@code n} tasks and wake them all. */
    interface Variant extends AutoCloseable {
        /** Spawns the tasks; returns before they all reached their await. */
        void suspendAll();

        /** @return how many tasks reached their await (or, for CF, were registered) */
        int suspendedCount();

        /** Fires every signal and returns once the last task completed. */
        void wakeAll() throws InterruptedException;

        @Override
        void close();
    }

    private MemoryIdle() {
    }

    public static void main(String[] args) throws Exception {
        String runtime = args.length > 0 ? args[0] : "weft";
        int tasks = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        Baselines.configure();
        double[] bytes = new double[rounds];
        double[] wake = new double[rounds];
        for (int r = -warmup; r < rounds; r++) {
            long baseline;
            long suspended;
            long elapsed;
            try (Variant v = create(runtime, tasks)) {
                baseline = usedAfterGc();
                v.suspendAll();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (v.suspendedCount() < tasks) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("only " + v.suspendedCount() + " of " + tasks + " tasks suspended after 120 s");
                    }
                    Thread.sleep(5);
                }
                Thread.sleep(200); // the last tasks finish suspending; workers go idle
                suspended = usedAfterGc();
                if (HISTOGRAM > 0 && r == rounds - 1) {
                    printHistogram(HISTOGRAM);
                }
                long t0 = System.nanoTime();
                v.wakeAll();
                elapsed = System.nanoTime() - t0;
            }
            double b = (double) (suspended - baseline) / tasks;
            double w = (double) elapsed / tasks;
            System.out.printf(Locale.ROOT, "memory_idle %s round %d%s: %.1f bytes/task, wake-all %.1f ns/task%n",
                    runtime, r + warmup + 1, r < 0 ? " (warm-up)" : "", b, w);
            if (r >= 0) {
                bytes[r] = b;
                wake[r] = w;
            }
        }
        System.out.printf(Locale.ROOT, "memory_idle %s tasks=%d rounds=%d: median %.1f bytes/task (min %.1f, max %.1f),"
                        + " wake-all median %.1f ns/task (min %.1f, max %.1f)%n",
                runtime, tasks, rounds, median(bytes), min(bytes), max(bytes), median(wake), min(wake), max(wake));
    }

    static Variant create(String runtime, int tasks) {
        switch (runtime) {
            case "weft": return new WeftIdle(tasks);
            case "vthreads": return new VirtualIdle(tasks);
            case "cf": return new FutureIdle(tasks);
            case "kotlinx": return new KotlinxIdle(tasks);
            default: throw new IllegalArgumentException("unknown runtime " + runtime + "; one of weft, vthreads, cf, kotlinx");
        }
    }

    /** Prints the first {@code lines} lines of {@code jcmd GC.class_histogram} (forces a full GC). */
    private static void printHistogram(int lines) {
        try {
            Object out = ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            String[] all = String.valueOf(out).split("\n");
            for (int i = 0; i < Math.min(lines + 2, all.length); i++) {
                System.out.println("  " + all[i]);
            }
        } catch (Exception e) {
            System.out.println("  (no class histogram: " + e + ")");
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static double min(double[] xs) {
        return Arrays.stream(xs).min().orElse(Double.NaN);
    }

    private static double max(double[] xs) {
        return Arrays.stream(xs).max().orElse(Double.NaN);
    }

    // ===== variants =====

    /** Counts completions and releases the main thread after the last. */
    private static final class Countdown {
        final AtomicInteger remaining;
        final CountDownLatch done = new CountDownLatch(1);

        Countdown(int n) {
            remaining = new AtomicInteger(n);
        }

        void completed() {
            if (remaining.decrementAndGet() == 0) {
                done.countDown();
            }
        }
    }

    static final class WeftIdle implements Variant {
        private final WeftRuntime rt = Baselines.weft();
        private final OneShot[] signals;
        private final AtomicInteger suspended = new AtomicInteger();
        private final Countdown countdown;

        WeftIdle(int n) {
            signals = new OneShot[n];
            countdown = new Countdown(n);
        }

        @Override
        public void suspendAll() {
            AtomicInteger s = suspended;
            Countdown c = countdown;
            for (int i = 0; i < signals.length; i++) {
                OneShot sig = new OneShot();
                signals[i] = sig;
                rt.spawn(() -> {
                    s.incrementAndGet();
                    Async.await(sig);
                    c.completed();
                    return null;
                });
            }
        }

        @Override
        public int suspendedCount() {
            return suspended.get();
        }

        @Override
        public void wakeAll() throws InterruptedException {
            for (OneShot sig : signals) {
                sig.fire();
            }
            countdown.done.await();
        }

        @Override
        public void close() {
            rt.close();
        }
    }

    static final class VirtualIdle implements Variant {
        private final ThreadFactory factory = Baselines.virtualThreads();
        private final OneShot[] signals;
        private final AtomicInteger suspended = new AtomicInteger();
        private final Countdown countdown;

        VirtualIdle(int n) {
            signals = new OneShot[n];
            countdown = new Countdown(n);
        }

        @Override
        public void suspendAll() {
            AtomicInteger s = suspended;
            Countdown c = countdown;
            for (int i = 0; i < signals.length; i++) {
                OneShot sig = new OneShot();
                signals[i] = sig;
                Baselines.startVirtual(factory, () -> {
                    s.incrementAndGet();
                    sig.block();
                    c.completed();
                });
            }
        }

        @Override
        public int suspendedCount() {
            return suspended.get();
        }

        @Override
        public void wakeAll() throws InterruptedException {
            for (OneShot sig : signals) {
                sig.fire();
            }
            countdown.done.await();
        }

        @Override
        public void close() {
        }
    }

    static final class FutureIdle implements Variant {
        private final ForkJoinPool pool = Baselines.forkJoinPool();
        private final CompletableFuture<?>[] futures;
        private final Countdown countdown;
        private int registered;

        FutureIdle(int n) {
            futures = new CompletableFuture<?>[n];
            countdown = new Countdown(n);
        }

        @Override
        public void suspendAll() {
            Countdown c = countdown;
            Runnable then = c::completed;
            for (int i = 0; i < futures.length; i++) {
                CompletableFuture<Void> f = new CompletableFuture<>();
                futures[i] = f;
                f.thenRunAsync(then, pool);
            }
            registered = futures.length;
        }

        @Override
        public int suspendedCount() {
            return registered;
        }

        @Override
        public void wakeAll() throws InterruptedException {
            for (CompletableFuture<?> f : futures) {
                f.complete(null);
            }
            countdown.done.await();
        }

        @Override
        public void close() {
            pool.shutdownNow();
        }
    }

    static final class KotlinxIdle implements Variant {
        private final KotlinxWorkloads.Idle idle;

        KotlinxIdle(int n) {
            idle = new KotlinxWorkloads.Idle(n);
        }

        @Override
        public void suspendAll() {
            idle.suspendAll();
        }

        @Override
        public int suspendedCount() {
            return idle.suspendedCount();
        }

        @Override
        public void wakeAll() {
            idle.wakeAll();
        }

        @Override
        public void close() {
            idle.close();
        }
    }
}
