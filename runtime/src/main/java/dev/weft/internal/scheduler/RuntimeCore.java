package dev.weft.internal.scheduler;

import dev.weft.diagnostics.RuntimeMetrics;
import dev.weft.diagnostics.TaskInfo;
import dev.weft.future.Awaitable;
import dev.weft.internal.blocking.BlockingPool;
import dev.weft.internal.dump.TaskDumps;
import dev.weft.internal.jfr.JfrGate;
import dev.weft.internal.jfr.ObservedRuntime;
import dev.weft.internal.jfr.PeriodicEvents;
import dev.weft.internal.jfr.PollWatchdog;
import dev.weft.internal.jfr.WeftEvents;
import dev.weft.internal.task.OwnedTasks;
import dev.weft.internal.task.TaskCell;
import dev.weft.internal.task.TaskIds;
import dev.weft.internal.task.TaskScheduler;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One runtime, whichever its flavour: the live-task registry, spawning, the release of a
 * completed task and its failure hook, diagnostics (name, metrics, task dumps, the long-poll
 * watchdog, periodic JFR events), the driver and the blocking pool, and the shutdown sequence.
 * Where a woken task waits and who polls it is the {@link SchedulerFlavour}'s, which the core is
 * composed with (a final field), so each flavour holds only its scheduling and what is common is
 * written once here.
 *
 * <h2>Invariants</h2>
 * Every task spawned here is in {@code owned} from {@link #newTask} until {@link #release}; the
 * flavour is built before anything (a periodic event, a spawn) can reach the core from another
 * thread, and its threads start only once the core is complete.
 *
 * <h2>Shutdown</h2>
 * <ol>
 *   <li>The registry is closed: spawning from now on throws {@link IllegalStateException}.</li>
 *   <li>Every live task is aborted. Its next poll lets its coroutine unwind ({@code finally}
 *       blocks and try-with-resources run), and it completes as cancelled.</li>
 *   <li>{@link SchedulerFlavour#drain(long)} lets them finish until the registry is empty or the
 *       timeout passed: the multi-thread flavour waits ({@link #awaitDrained(long)}), the
 *       current-thread flavour drives its queue on the closing thread.</li>
 *   <li>{@link SchedulerFlavour#stopWorkers(long)} ends the worker threads; then the blocking
 *       pool and the driver are shut.</li>
 *   <li>Tasks still live are named in a warning and in the {@link IllegalStateException}
 *       thrown to the caller.</li>
 * </ol>
 *
 * <h2>Who may call</h2>
 * Spawning, diagnostics and {@link #close()} from any thread, except that {@code close()} refuses
 * a worker thread of this runtime; {@link TaskScheduler}'s methods as that interface says.
 */
public final class RuntimeCore implements TaskScheduler, ObservedRuntime {
    /** The logger of the runtime. */
    public static final System.Logger LOG = System.getLogger("dev.weft.runtime");

    private static final AtomicInteger RUNTIME_IDS = new AtomicInteger();
    private static final AtomicInteger BLOCKING_IDS = new AtomicInteger();

    private final RuntimeConfig config;
    /** Every live task. */
    final OwnedTasks owned;
    private final AtomicBoolean closing = new AtomicBoolean();
    /** What JMX, task dumps and JFR call this runtime: {@code weft-1}, {@code weft-2}, ... */
    private final String name = "weft-" + RUNTIME_IDS.incrementAndGet();
    /** Finds long polls while a recording wants them. */
    private final PollWatchdog watchdog = new PollWatchdog(name + "-watchdog");
    /** Timers and I/O, turned by an idle worker. */
    private final Driver driver;
    /** Threads for blocking work. */
    private final BlockingPool blocking;
    /** Where tasks are queued and who polls them. */
    private final SchedulerFlavour flavour;

    /**
     * @param config the configuration
     * @param flavour builds the flavour for this core (it may read the core's configuration,
     *     driver and pools, but must not spawn or start threads: {@link
     *     SchedulerFlavour#startWorkers()} does that once the core is complete)
     */
    public RuntimeCore(RuntimeConfig config, Function<RuntimeCore, SchedulerFlavour> flavour) {
        this(config, new Driver(config.clock()), flavour);
    }

    /**
     * @param config the configuration
     * @param driver the time and I/O driver, on {@code config}'s clock (tests pass one that fails
     *     on purpose)
     * @param flavour builds the flavour for this core, as in {@link #RuntimeCore(RuntimeConfig, Function)}
     */
    public RuntimeCore(RuntimeConfig config, Driver driver, Function<RuntimeCore, SchedulerFlavour> flavour) {
        this.config = config;
        // one shard group per thread that spawns and completes tasks: the workers, or the one
        // thread driving a current-thread runtime (whose configuration has one worker)
        this.owned = new OwnedTasks(config.workerThreads());
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
        this.flavour = flavour.apply(this);
        PeriodicEvents.opened(this);
        this.flavour.startWorkers();
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

    // ===== diagnostics =====

    /** @return the runtime's counters now; any thread */
    @Override
    public RuntimeMetrics metrics() {
        SchedulerStats s = flavour.stats();
        return new RuntimeMetrics(s.workers(), owned.size(), s.injectionQueueDepth(), s.localQueueDepth(),
                s.polls(), s.steals(), s.parks(), blocking.threads(), blocking.idleThreads(), blocking.queued(),
                driver.time().pending());
    }

    /** @return every live task, its state and logical stack; any thread */
    @Override
    public List<TaskInfo> dumpTasks() {
        return TaskDumps.of(owned.snapshot());
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
        RuntimeContext here = RuntimeContext.onWorkerThread();
        TaskCell<T> t = new TaskCell<>(here == null ? TaskIds.next() : here.nextTaskId(), future, this);
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
        flavour.schedule(t);
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
    public void schedule(TaskCell<?> task) {
        flavour.schedule(task);
    }

    @Override
    public void scheduleYield(TaskCell<?> task) {
        flavour.scheduleYield(task);
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

    /** @return true if no task is live; any thread */
    public boolean drained() {
        return owned.isEmpty();
    }

    // ===== blockOn =====

    /**
     * Runs {@code future} on the calling thread until it completes, with this runtime as the
     * current one; how spawned tasks run meanwhile is the flavour's (on the workers, or on this
     * thread between polls of {@code future}).
     *
     * @param future the root future
     * @param <T> its type
     * @return its value
     * @throws Exception whatever it throws, unchanged
     */
    public <T> T blockOn(Awaitable<T> future) throws Exception {
        return flavour.blockOn(future);
    }

    // ===== shutdown =====

    /**
     * Shuts the runtime down (see the class doc). Idempotent; the second call returns at once.
     *
     * @throws IllegalStateException if tasks were still running at the timeout, naming them; or
     *     if called from a thread of this runtime
     */
    public void close() {
        Thread t = Thread.currentThread();
        RuntimeContext c = RuntimeContext.current();
        if (c != null && c.worker() != null && c.core() == this) {
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
        boolean drained = flavour.drain(deadline);
        flavour.stopWorkers(deadline);
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
     * Waits, parking with a growing pause, until no task is live: the drain of a flavour whose
     * tasks run on other threads. Any thread.
     *
     * @param deadline {@link System#nanoTime()} to give up at
     * @return true if every task finished
     */
    public boolean awaitDrained(long deadline) {
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
}
