package dev.weft;

import dev.weft.coroutine.abi.RandomSchedule;
import dev.weft.diagnostics.RuntimeMetrics;
import dev.weft.diagnostics.TaskInfo;
import dev.weft.future.Awaitable;
import dev.weft.future.CancelledException;
import dev.weft.internal.dump.RuntimeMXBeanImpl;
import dev.weft.internal.dump.TaskDumps;
import dev.weft.internal.jfr.JfrGate;
import dev.weft.internal.jfr.PollWatchdog;
import dev.weft.internal.jfr.WeftEvents;
import dev.weft.internal.scheduler.RuntimeContext;
import dev.weft.internal.scheduler.RuntimeConfig;
import dev.weft.internal.time.ClockSource;
import dev.weft.internal.time.PausedClock;
import dev.weft.internal.scheduler.RuntimeCore;
import dev.weft.internal.scheduler.currentthread.CurrentThreadScheduler;
import dev.weft.internal.scheduler.multithread.MultiThreadScheduler;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A Weft runtime: worker threads that poll tasks, as a Tokio {@code Runtime}.
 *
 * <pre>{@code
 * try (WeftRuntime rt = WeftRuntime.multiThread().workerThreads(4).build()) {
 *     String body = rt.blockOn(() -> {
 *         JoinHandle<String> h = Task.spawn(() -> fetch());
 *         return h.join();
 *     });
 * }
 * }</pre>
 *
 * <h2>Flavours</h2>
 * <ul>
 *   <li>{@link #multiThread()}: a work-stealing pool of worker threads (one per core by
 *       default); {@code blockOn} runs its body on the calling thread and spawned tasks on the
 *       workers.</li>
 *   <li>{@link #currentThread()}: no threads of its own; every task runs on the thread inside
 *       {@code blockOn}, and only while it is there.</li>
 * </ul>
 *
 * <h2>Shutdown</h2>
 * {@link #close()} refuses new spawns, aborts every live task (each one's next await throws
 * {@link CancelledException}, so its {@code finally} blocks run), waits up to the shutdown
 * timeout for them to finish, and stops the workers. If tasks are still running then (they block
 * their thread, or never await), it logs and throws an {@link IllegalStateException} naming them.
 *
 * <h2>Diagnostics</h2>
 * {@link #dumpTasks()} lists every live task with its logical stack, {@link #metrics()} reads the
 * counters, {@link Builder#registerMBean(boolean)} publishes both over JMX, and the runtime writes
 * JFR events in category "Weft" (see the README, "Profiling with JFR").
 */
public final class WeftRuntime implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.weft.runtime");

    /** The system property that registers every runtime's MXBean unless the builder says otherwise. */
    public static final String JMX_PROPERTY = "weft.jmx";

    private final RuntimeCore core;
    /** Registered MXBean, or null. */
    private final RuntimeMXBeanImpl mbean;

    /**
     * Open runtimes by core, for {@link #current()}: added when built, removed by
     * {@link #close()} (a strong map: a runtime never closed also never stops its threads).
     */
    private static final Map<RuntimeCore, WeftRuntime> BY_CORE = new ConcurrentHashMap<>();

    private WeftRuntime(RuntimeCore core, boolean registerMBean) {
        this.core = core;
        RuntimeMXBeanImpl bean = null;
        if (registerMBean) {
            try {
                bean = RuntimeMXBeanImpl.register(core);
            } catch (RuntimeException e) {
                core.close();
                throw e;
            }
        }
        this.mbean = bean;
        BY_CORE.put(core, this);
    }

    /**
     * The runtime the calling thread runs in: the one whose task (or {@code blockOn}) is running
     * on this thread. Tasks can spawn with {@link Task#spawn} without it; this is for what needs
     * the runtime object itself (its name, a task dump, spawning from a callback the task hands to
     * another thread).
     *
     * <pre>{@code
     * rt.blockOn(() -> {
     *     WeftRuntime me = WeftRuntime.current();        // == rt
     *     executor.submit(() -> me.spawn(() -> handle()));
     *     return null;
     * });
     * }</pre>
     *
     * @return the current runtime
     * @throws IllegalStateException outside any runtime (a plain thread); {@link #tryCurrent()}
     *     answers empty there instead
     */
    public static WeftRuntime current() {
        return tryCurrent().orElseThrow(() -> new IllegalStateException(
                "WeftRuntime.current() was called outside a Weft runtime (thread '" + Thread.currentThread().getName()
                        + "'); call it from a task or inside blockOn, or use WeftRuntime.tryCurrent()"));
    }

    /**
     * @return the runtime the calling thread runs in (see {@link #current()}), or empty outside
     *     any runtime, or once that runtime is closed
     */
    public static Optional<WeftRuntime> tryCurrent() {
        RuntimeContext c = RuntimeContext.current();
        return c == null ? Optional.empty() : Optional.ofNullable(BY_CORE.get(c.core()));
    }

    /** @return a builder for a work-stealing runtime with worker threads */
    public static Builder multiThread() {
        return new Builder(true);
    }

    /** @return a builder for a runtime that runs everything on the thread inside {@code blockOn} */
    public static Builder currentThread() {
        return new Builder(false);
    }

    RuntimeCore core() {
        return core;
    }

    /**
     * Runs {@code body} as a coroutine on the calling thread until it completes, with this runtime
     * as the current one ({@link Task#spawn} inside it spawns here).
     *
     * @param body the computation
     * @param <T> its result type
     * @return its result
     * @throws Exception whatever {@code body} throws, unchanged
     * @throws IllegalStateException on a worker thread, inside another {@code blockOn}, or after
     *     {@link #close()}
     */
    public <T> T blockOn(AsyncCallable<T> body) throws Exception {
        return core.blockOn(new CoroutineState<>(body));
    }

    /**
     * Polls a hand-written future on the calling thread until it completes, with this runtime as
     * the current one.
     *
     * @param future the future
     * @param <T> its type
     * @return its value
     * @throws Exception whatever its poll throws, unchanged
     */
    public <T> T blockOn(Awaitable<T> future) throws Exception {
        return core.blockOn(Objects.requireNonNull(future, "future"));
    }

    /**
     * Spawns {@code body} as a task of this runtime. Any thread.
     *
     * @param body the task's body
     * @param <T> its result type
     * @return its handle
     * @throws IllegalStateException if the runtime is closed
     */
    public <T> JoinHandle<T> spawn(AsyncCallable<T> body) {
        return spawn(new CoroutineState<>(body));
    }

    /**
     * Spawns a hand-written future as a task of this runtime. Any thread.
     *
     * @param future the future
     * @param <T> its type
     * @return its handle
     * @throws IllegalStateException if the runtime is closed
     */
    public <T> JoinHandle<T> spawn(Awaitable<T> future) {
        return new JoinHandle<>(core.spawn(future));
    }

    /**
     * Runs blocking code on this runtime's blocking pool; see {@link Task#spawnBlocking}.
     *
     * @param work the blocking work
     * @param <T> its result type
     * @return the handle
     */
    public <T> JoinHandle<T> spawnBlocking(java.util.concurrent.Callable<T> work) {
        return new JoinHandle<>(core.spawn(new dev.weft.internal.blocking.BlockingTask<>(core.blockingPool(), work)));
    }

    /**
     * Spawns {@code body} as a task with a name, which task dumps and JFR events show. Any thread.
     *
     * @param name the task's name
     * @param body the task's body
     * @param <T> its result type
     * @return its handle
     * @throws IllegalStateException if the runtime is closed
     */
    public <T> JoinHandle<T> spawn(String name, AsyncCallable<T> body) {
        return Task.spawnNamed(core, name, body);
    }

    /** @return the runtime's name ({@code weft-N}), as JMX and JFR events show it */
    public String name() {
        return core.name();
    }

    /**
     * A task dump: every live task with its id, name, state and logical stack (the frames a
     * suspended coroutine will re-enter, innermost first, with the line of each). Like a thread
     * dump, it is read while tasks run: best effort, not one atomic snapshot. Any thread.
     *
     * @return the live tasks, ordered by id
     */
    public List<TaskInfo> dumpTasks() {
        return core.dumpTasks();
    }

    /** @return {@link #dumpTasks()} as text, like a thread dump */
    public String dumpTasksAsString() {
        return TaskDumps.format(core.name(), core.dumpTasks());
    }

    /**
     * Writes a task dump into the running flight recordings: one {@code dev.weft.TaskDump} event
     * per live task, sharing a dump id. Any thread.
     *
     * @return events written; 0 if no recording enables {@code dev.weft.TaskDump}
     */
    public int recordTaskDump() {
        return JfrGate.on() ? WeftEvents.taskDump(core.name(), core.dumpTasks()) : 0;
    }

    /** @return the runtime's counters now (workers, tasks, queues, polls, steals, parks, blocking pool, timers) */
    public RuntimeMetrics metrics() {
        return core.metrics();
    }

    /** @return how many tasks are live (spawned and not completed) */
    public int liveTasks() {
        return core.liveTasks();
    }

    /**
     * Shuts down: see the class doc. Idempotent.
     *
     * @throws IllegalStateException naming the tasks still running at the timeout, or if called
     *     from one of this runtime's worker threads
     */
    @Override
    public void close() {
        if (mbean != null) {
            mbean.unregister();
        }
        try {
            core.close();
        } finally {
            if (core.isClosed()) {   // not when refused (called from one of its own workers)
                BY_CORE.remove(core);
            }
        }
    }

    /** Configures and builds a {@link WeftRuntime}. */
    public static final class Builder {
        private final boolean multiThread;
        private int workerThreads = Runtime.getRuntime().availableProcessors();
        private String threadNamePrefix = "weft-worker-";
        private Consumer<? super TaskFailedException> onTaskFailure =
                e -> LOG.log(Level.WARNING, e.getMessage(), e.getCause());
        private Duration shutdownTimeout = Duration.ofSeconds(10);
        private int localQueueCapacity = RuntimeConfig.DEFAULT_LOCAL_QUEUE_CAPACITY;
        private boolean startPaused;
        private int maxBlockingThreads = RuntimeConfig.DEFAULT_MAX_BLOCKING_THREADS;
        private Duration blockingKeepAlive = RuntimeConfig.DEFAULT_BLOCKING_KEEP_ALIVE;
        private Duration longPollThreshold = PollWatchdog.DEFAULT_THRESHOLD;
        private boolean registerMBean = Boolean.getBoolean(JMX_PROPERTY);
        private long workerStackSize;
        private boolean warnOnBlockedWorker = true;
        private Long randomScheduleSeed;

        private Builder(boolean multiThread) {
            this.multiThread = multiThread;
        }

        /**
         * @param n worker threads, 1 to 32767 (default: available processors); multi-thread only
         * @return this builder
         */
        public Builder workerThreads(int n) {
            if (!multiThread) {
                throw new IllegalStateException("workerThreads applies to a multi-thread runtime; a current-thread runtime has none");
            }
            if (n < 1 || n > 32767) {
                throw new IllegalArgumentException("workerThreads must be between 1 and 32767, got " + n);
            }
            workerThreads = n;
            return this;
        }

        /**
         * Sets the stack size of each worker thread, for tasks that recurse deeply (a rewritten
         * method's frame is larger than the plain one). Blocking-pool threads keep the JVM's
         * default.
         *
         * <pre>{@code
         * WeftRuntime rt = WeftRuntime.multiThread().workerStackSize(8 * 1024 * 1024).build();
         * }</pre>
         *
         * @param bytes the stack size, from 256 KiB to 1 GiB (default: the JVM's, {@code -Xss});
         *     the JVM may round it (see {@link Thread#Thread(ThreadGroup, Runnable, String, long)})
         * @return this builder
         * @throws IllegalStateException on a current-thread builder (it has no worker threads)
         * @throws IllegalArgumentException if {@code bytes} is out of range
         */
        public Builder workerStackSize(long bytes) {
            if (!multiThread) {
                throw new IllegalStateException("workerStackSize applies to a multi-thread runtime; a current-thread"
                        + " runtime runs on the thread that calls blockOn");
            }
            if (bytes < RuntimeConfig.MIN_WORKER_STACK_SIZE || bytes > RuntimeConfig.MAX_WORKER_STACK_SIZE) {
                throw new IllegalArgumentException("workerStackSize must be between " + RuntimeConfig.MIN_WORKER_STACK_SIZE
                        + " and " + RuntimeConfig.MAX_WORKER_STACK_SIZE + " bytes, got " + bytes);
            }
            workerStackSize = bytes;
            return this;
        }

        /**
         * @param prefix worker threads are named this prefix followed by their index
         *     (default {@code "weft-worker-"})
         * @return this builder
         */
        public Builder threadNamePrefix(String prefix) {
            threadNamePrefix = Objects.requireNonNull(prefix, "threadNamePrefix");
            return this;
        }

        /**
         * @param handler told about every task that ends by throwing, on the thread that ran it
         *     (default: a warning in the {@code dev.weft.runtime} log). Its own exceptions are
         *     logged and ignored.
         * @return this builder
         */
        public Builder onTaskFailure(Consumer<? super TaskFailedException> handler) {
            onTaskFailure = Objects.requireNonNull(handler, "onTaskFailure");
            return this;
        }

        /**
         * @param timeout how long {@link WeftRuntime#close()} waits for cancelled tasks to finish
         *     (default 10 s)
         * @return this builder
         */
        public Builder shutdownTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "shutdownTimeout");
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("shutdownTimeout must not be negative, got " + timeout);
            }
            shutdownTimeout = timeout;
            return this;
        }

        /**
         * @param capacity slots of each worker's local run queue, a power of two from 2 to 65536
         *     (default 256); small values exercise overflow and stealing in tests
         * @return this builder
         */
        public Builder localQueueCapacity(int capacity) {
            if (capacity < 2 || capacity > 65536 || Integer.bitCount(capacity) != 1) {
                throw new IllegalArgumentException("localQueueCapacity must be a power of two between 2 and 65536, got " + capacity);
            }
            localQueueCapacity = capacity;
            return this;
        }

        /**
         * Starts the runtime with a paused clock, for tests: time stands still, and jumps to the
         * next timer deadline whenever every worker is idle, so an hour of timeouts runs in
         * milliseconds while events keep their order.
         *
         * @param paused whether the clock starts paused (default false)
         * @return this builder
         */
        public Builder startPaused(boolean paused) {
            startPaused = paused;
            return this;
        }

        /**
         * @param n most threads of the blocking pool behind {@code Task.spawnBlocking} (default 512)
         * @return this builder
         */
        public Builder maxBlockingThreads(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxBlockingThreads must be at least 1, got " + n);
            }
            maxBlockingThreads = n;
            return this;
        }

        /**
         * @param keepAlive how long an idle blocking thread waits for work before it retires
         *     (default 10 s)
         * @return this builder
         */
        public Builder blockingKeepAlive(Duration keepAlive) {
            Objects.requireNonNull(keepAlive, "blockingKeepAlive");
            if (keepAlive.isNegative()) {
                throw new IllegalArgumentException("blockingKeepAlive must not be negative, got " + keepAlive);
            }
            blockingKeepAlive = keepAlive;
            return this;
        }

        /**
         * @param threshold a poll that holds its thread longer is reported with the thread's
         *     stack: as a warning (see {@link #warnOnBlockedWorker(boolean)}) and as a
         *     {@code dev.weft.LongPoll} JFR event while a recording enables that event; at least
         *     1 ms (default 10 ms)
         * @return this builder
         */
        public Builder longPollThreshold(Duration threshold) {
            Objects.requireNonNull(threshold, "longPollThreshold");
            if (threshold.compareTo(Duration.ofMillis(1)) < 0) {
                throw new IllegalArgumentException("longPollThreshold must be at least 1 ms, got " + threshold);
            }
            longPollThreshold = threshold;
            return this;
        }

        /**
         * Whether a poll that holds its worker past {@link #longPollThreshold(Duration)} (a task
         * that never awaits, or that blocks in {@code Thread.sleep} or a lock) is logged as a
         * WARNING in the {@code dev.weft.runtime} log, naming the task and showing its stack.
         * Each stuck poll is reported once, and at most one such line is written per 10 s. While
         * a JFR recording enables {@code dev.weft.LongPoll}, the event is the report instead.
         *
         * <pre>{@code
         * WeftRuntime rt = WeftRuntime.multiThread().warnOnBlockedWorker(false).build();
         * }</pre>
         *
         * @param warn whether to warn (default true)
         * @return this builder
         */
        public Builder warnOnBlockedWorker(boolean warn) {
            warnOnBlockedWorker = warn;
            return this;
        }

        /**
         * @param register whether to register a {@link dev.weft.diagnostics.WeftRuntimeMXBean} as
         *     {@code dev.weft:type=Runtime,name="weft-N"} until the runtime closes (default: the
         *     system property {@code weft.jmx}, false if unset)
         * @return this builder
         */
        public Builder registerMBean(boolean register) {
            registerMBean = register;
            return this;
        }

        /**
         * Drives a current-thread runtime with a seeded random schedule, to find ordering bugs
         * in tests (as Tokio's {@code rng_seed}): the next task to poll is drawn at random from
         * the run queue, and an await that could suspend sometimes answers "pending" once and
         * wakes itself, although its future may be ready. The same seed, with no outside events
         * (a paused clock, no real I/O), replays the same schedule. The weft-test kit's
         * {@code @WeftTest(schedules = N)} runs a test under N seeds.
         *
         * @param seed the seed
         * @return this builder
         * @throws IllegalStateException on a multi-thread builder: its threads race, so no seed
         *     could replay a schedule
         */
        public Builder randomSchedule(long seed) {
            if (multiThread) {
                throw new IllegalStateException("randomSchedule applies to a current-thread runtime; a multi-thread"
                        + " runtime's workers race, so a seed could not replay its schedule");
            }
            randomScheduleSeed = seed;
            return this;
        }

        /** @return a started runtime */
        public WeftRuntime build() {
            Consumer<? super TaskFailedException> failures = onTaskFailure;
            RuntimeConfig config = new RuntimeConfig(multiThread ? workerThreads : 1, threadNamePrefix,
                    (id, cause) -> failures.accept(new TaskFailedException(id, cause)),
                    shutdownTimeout, localQueueCapacity, RuntimeConfig.DEFAULT_EVENT_INTERVAL,
                    startPaused ? new PausedClock() : ClockSource.SYSTEM, maxBlockingThreads, blockingKeepAlive,
                    workerStackSize);
            RandomSchedule schedule = randomScheduleSeed == null ? null : new RandomSchedule(randomScheduleSeed);
            RuntimeCore core = multiThread ? new RuntimeCore(config, MultiThreadScheduler::new)
                    : new RuntimeCore(config, c -> new CurrentThreadScheduler(c, schedule));
            core.watchdog().setThreshold(longPollThreshold);
            core.watchdog().setWarnings(warnOnBlockedWorker);
            return new WeftRuntime(core, registerMBean);
        }
    }
}
