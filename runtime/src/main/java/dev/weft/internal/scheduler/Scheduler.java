package dev.weft.internal.scheduler;

import dev.weft.internal.blocking.BlockingPool;
import dev.weft.internal.jfr.ObservedRuntime;
import java.util.concurrent.atomic.AtomicInteger;
import dev.weft.diagnostics.RuntimeMetrics;
import dev.weft.diagnostics.TaskInfo;
import dev.weft.future.Awaitable;
import dev.weft.internal.dump.TaskDumps;
import dev.weft.internal.jfr.JfrGate;
import dev.weft.internal.jfr.PeriodicEvents;
import dev.weft.internal.jfr.PollWatchdog;
import dev.weft.internal.jfr.WeftEvents;
import dev.weft.internal.task.OwnedTasks;
import dev.weft.internal.task.TaskCell;
import dev.weft.internal.task.TaskScheduler;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * What both runtime flavours share: the live-task registry, spawning, failure reporting,
 * diagnostics and the shutdown sequence; {@code blockOn} lives in {@link BlockOnRoots}.
 *
 * <h2>Shutdown</h2>
 * <ol>
 *   <li>The registry is closed: spawning from now on throws {@link IllegalStateException}.</li>
 *   <li>Every live task is aborted. Its next poll lets its coroutine unwind ({@code finally}
 *       blocks and try-with-resources run), and it completes as cancelled.</li>
 *   <li>{@link #awaitDrained(long)} waits (the current-thread flavour: drives) until the registry
 *       is empty or the timeout passed.</li>
 *   <li>{@link #stopWorkers(long)} ends the worker threads.</li>
 *   <li>Tasks still live are named in a warning and in the {@link IllegalStateException}
 *       thrown to the caller.</li>
 * </ol>
 */
public abstract class Scheduler implements TaskScheduler, ObservedRuntime {
    /** The logger of the runtime. */
    protected static final System.Logger LOG = System.getLogger("dev.weft.runtime");

    /** The validated configuration. */
    protected final RuntimeConfig config;
    /** Every live task. */
    protected final OwnedTasks owned;
    private final AtomicBoolean closing = new AtomicBoolean();
    private static final AtomicInteger RUNTIME_IDS = new AtomicInteger();
    /** What JMX, task dumps and JFR call this runtime: {@code weft-1}, {@code weft-2}, ... */
    private final String name = "weft-" + RUNTIME_IDS.incrementAndGet();
    /** Finds long polls while a recording wants them. */
    private final PollWatchdog watchdog = new PollWatchdog(name + "-watchdog");

    /**
     * @param config the configuration
     * @param concurrency how many threads spawn and complete tasks at once
     */
    protected Scheduler(RuntimeConfig config, int concurrency) {
        this(config, concurrency, new Driver(config.clock()));
    }

    /**
     * @param config the configuration
     * @param concurrency how many threads spawn and complete tasks at once
     * @param driver the time and I/O driver, on {@code config}'s clock
     */
    protected Scheduler(RuntimeConfig config, int concurrency, Driver driver) {
        this.config = config;
        this.owned = new OwnedTasks(concurrency);
        this.driver = driver;
        this.blocking = new BlockingPool(config.maxBlockingThreads(), config.blockingKeepAlive(),
                r -> {
                    Thread t = new Thread(r, config.threadNamePrefix() + "blocking-" + BLOCKING_IDS.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, threads -> {
                    if (JfrGate.on()) {
                        WeftEvents.blockingPoolGrew(threads, config.maxBlockingThreads());
                    }
                });
        JfrGate.install();
        PeriodicEvents.opened(this);
    }

    /** @return the runtime's name, {@code weft-N} */
    @Override
    public String name() {
        return name;
    }

    /** @return the long-poll watchdog */
    public PollWatchdog watchdog() {
        return watchdog;
    }

    // ===== diagnostics =====

    /** @return the runtime's counters now; any thread */
    @Override
    public RuntimeMetrics metrics() {
        SchedulerStats s = schedulerStats();
        return new RuntimeMetrics(s.workers(), owned.size(), s.injectionQueueDepth(), s.localQueueDepth(),
                s.polls(), s.steals(), s.parks(), blocking.threads(), blocking.idleThreads(), blocking.queued(),
                driver.time().pending());
    }

    /** @return what only the flavour knows; any thread, cheap (reads per-worker fields) */
    protected abstract SchedulerStats schedulerStats();

    /** @return every live task, its state and logical stack; any thread */
    @Override
    public List<TaskInfo> dumpTasks() {
        return TaskDumps.of(owned.snapshot());
    }

    private static final AtomicInteger BLOCKING_IDS = new AtomicInteger();

    /** Timers and I/O, turned by an idle worker. */
    protected final Driver driver;
    /** Threads for blocking work. */
    protected final BlockingPool blocking;
    /** The {@code blockOn} calls in progress. */
    private final BlockOnRoots roots = new BlockOnRoots(this);

    /** @return the time and I/O driver */
    public Driver driver() {
        return driver;
    }

    /** @return the blocking pool */
    public BlockingPool blockingPool() {
        return blocking;
    }

    /** @return the configuration */
    public RuntimeConfig config() {
        return config;
    }

    // ===== spawning =====

    /**
     * Creates a task and registers it, without scheduling it yet (so a caller can attach a
     * completion listener first). Any thread.
     *
     * @param future what the task runs
     * @param <T> its output type
     * @return the task; pass it to {@link #submitNew(TaskCell)}
     * @throws IllegalStateException if the runtime is closed
     */
    public <T> TaskCell<T> newTask(Awaitable<T> future) {
        if (future == null) {
            throw new NullPointerException("future");
        }
        TaskCell<T> t = new TaskCell<>(future, this);
        if (!owned.bind(t)) {
            throw new IllegalStateException("the Weft runtime is closed: cannot spawn " + t);
        }
        return t;
    }

    /** @param t a task from {@link #newTask(Awaitable)}, scheduled now for its first poll */
    public void submitNew(TaskCell<?> t) {
        if (JfrGate.on()) {
            t.setEndedEvent(WeftEvents.taskSpawned(t));
        }
        schedule(t);
    }

    /**
     * Spawns {@code future} as a task. Any thread.
     *
     * @param future what the task runs
     * @param <T> its output type
     * @return the task
     */
    public <T> TaskCell<T> spawn(Awaitable<T> future) {
        TaskCell<T> t = newTask(future);
        submitNew(t);
        return t;
    }

    @Override
    public void release(TaskCell<?> task) {
        owned.remove(task);
        if (!task.succeeded() && !task.wasCancelled()) {
            try {
                config.onTaskFailure().failed(task.id(), task.failure());
            } catch (Throwable handlerFailure) {
                // the hook runs on a worker: its failure must not escape into the run loop
                LOG.log(Level.WARNING, "the onTaskFailure handler threw while handling the failure of task "
                        + task.id() + ": " + task.failure(), handlerFailure);
            }
        }
    }

    /** @return how many tasks are live */
    public int liveTasks() {
        return owned.size();
    }

    // ===== blockOn =====

    /**
     * Runs {@code future} on the calling thread until it completes, with this runtime as the
     * current one; spawned tasks run on the workers. The current-thread flavour overrides it to
     * run its queue on the caller in between.
     *
     * @param future the root future
     * @param <T> its type
     * @return its value
     * @throws Exception whatever it throws, unchanged
     */
    public <T> T blockOn(Awaitable<T> future) throws Exception {
        return roots.blockOn(future);
    }

    /**
     * @return true if every thread inside {@code blockOn} is parked with nothing to run: with the
     *     workers idle too, a paused clock may jump forward
     */
    public boolean rootsIdle() {
        return roots.idle();
    }

    // ===== shutdown =====

    /**
     * Shuts the runtime down (see the class doc). Idempotent; the second call returns at once.
     *
     * @throws IllegalStateException if tasks were still running at the timeout, naming them; or
     *     if called from a thread of this runtime
     */
    public final void close() {
        Thread t = Thread.currentThread();
        RuntimeContext c = RuntimeContext.current();
        if (c != null && c.worker() != null && c.scheduler() == this) {
            throw new IllegalStateException("close() was called on '" + t.getName()
                    + "', a worker thread of the runtime being closed; it would wait for itself");
        }
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        long deadline = System.nanoTime() + config.shutdownTimeout().toNanos();
        PeriodicEvents.closed(this);
        watchdog.close();
        owned.close();
        for (TaskCell<?> task : owned.snapshot()) {
            task.abort();
        }
        boolean drained = awaitDrained(deadline);
        stopWorkers(deadline);
        blocking.shutdown();
        driver.close();
        if (!drained) {
            List<TaskCell<?>> stuck = owned.snapshot();
            if (!stuck.isEmpty()) {
                String names = stuck.stream().limit(32).map(TaskCell::toString).collect(Collectors.joining("\n  "));
                String msg = "Weft runtime shut down with " + stuck.size() + " task(s) still running "
                        + config.shutdownTimeout().toMillis() + " ms after they were cancelled (each is"
                        + " blocking its thread or not awaiting):\n  " + names;
                LOG.log(Level.WARNING, msg);
                throw new IllegalStateException(msg);
            }
        }
    }

    /** @return true once {@link #close()} began */
    public boolean isClosed() {
        return closing.get();
    }

    /**
     * Waits until no task is live.
     *
     * @param deadline {@link System#nanoTime()} to give up at
     * @return true if every task finished
     */
    protected boolean awaitDrained(long deadline) {
        long pause = TimeUnit.MICROSECONDS.toNanos(50);
        while (!owned.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            LockSupport.parkNanos(this, Math.min(pause, left));
            pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(10));
        }
        return true;
    }

    /**
     * Ends the worker threads (if any).
     *
     * @param deadline {@link System#nanoTime()} after which not to wait for them
     */
    protected abstract void stopWorkers(long deadline);
}
