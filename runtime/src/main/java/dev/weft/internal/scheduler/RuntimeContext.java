package dev.weft.internal.scheduler;

import dev.weft.internal.io.Reactor;
import dev.weft.internal.io.StandaloneReactor;
import dev.weft.internal.jfr.PollWatch;
import dev.weft.internal.jfr.PollWatchdog;
import dev.weft.internal.task.TaskCell;
import dev.weft.internal.task.TaskIds;
import dev.weft.internal.time.StandaloneTimer;
import dev.weft.internal.time.TimeDriver;

/**
 * Which runtime, worker and task the current thread is running: what {@code Task.spawn},
 * {@code TaskLocal}, the flavours' wakes, timers and sockets consult. A worker thread keeps it in a field; a thread inside
 * {@code blockOn} keeps it in a thread-local for the duration of the call.
 *
 * <h2>Who may call</h2>
 * Every method concerns the calling thread only.
 */
public final class RuntimeContext {
    private static final ThreadLocal<RuntimeContext> ON_PLAIN_THREAD = new ThreadLocal<>();

    private final RuntimeCore core;
    /** The worker this thread runs, or null on a thread inside {@code blockOn}. */
    private final WorkerLoop worker;
    private TaskCell<?> task;
    /** This thread's entry in the long-poll watchdog, once a recording wanted long polls; else null. */
    private PollWatch watch;
    /** Task ids this thread hands out to the tasks it spawns. */
    private final TaskIds.Block taskIds = new TaskIds.Block();

    RuntimeContext(RuntimeCore core, WorkerLoop worker) {
        this.core = core;
        this.worker = worker;
    }

    /** @return the calling thread's context, or null outside any runtime */
    public static RuntimeContext current() {
        Thread t = Thread.currentThread();
        if (t instanceof WorkerThread) {
            return ((WorkerThread) t).context;
        }
        return ON_PLAIN_THREAD.get();
    }

    /**
     * @return the calling thread's context if it is a worker thread of some runtime, else null;
     *     no thread-local lookup (for wakes, which come from any thread)
     */
    public static RuntimeContext onWorkerThread() {
        return Thread.currentThread() instanceof WorkerThread w ? w.context : null;
    }

    /** @return the task being polled on the calling thread, or null */
    public static TaskCell<?> currentTask() {
        RuntimeContext c = current();
        return c == null ? null : c.task;
    }

    /**
     * Marks the calling (plain) thread as inside {@code blockOn} of {@code core}.
     *
     * @param core the runtime
     * @return the context to {@link #exit()}
     * @throws IllegalStateException on a worker thread or inside another {@code blockOn}
     */
    public static RuntimeContext enterBlockOn(RuntimeCore core) {
        Thread t = Thread.currentThread();
        if (t instanceof WorkerThread) {
            throw new IllegalStateException("blockOn was called on the Weft worker thread '" + t.getName()
                    + "': it would block a thread that runs tasks. Inside a task, await the work instead"
                    + " (Async.await, JoinHandle.join), or use Task.spawn.");
        }
        if (ON_PLAIN_THREAD.get() != null) {
            throw new IllegalStateException("blockOn was called inside another blockOn on thread '" + t.getName()
                    + "': a runtime cannot be entered twice on one thread. Await the inner work instead.");
        }
        RuntimeContext c = new RuntimeContext(core, null);
        ON_PLAIN_THREAD.set(c);
        return c;
    }

    /** Undoes {@link #enterBlockOn(RuntimeCore)}. */
    public void exit() {
        ON_PLAIN_THREAD.remove();
        if (watch != null) {
            core.watchdog().unwatch(watch);
            watch = null;
        }
    }

    /** @return a fresh task id from this thread's block; this thread only */
    public long nextTaskId() {
        return taskIds.take();
    }

    /** @return the runtime */
    public RuntimeCore core() {
        return core;
    }

    /** @return the worker this thread runs, or null on a thread inside {@code blockOn} */
    public WorkerLoop worker() {
        return worker;
    }

    /**
     * @return the time driver serving the calling thread: its runtime's, or the standalone
     *     timer's outside any runtime
     */
    public static TimeDriver timeDriver() {
        RuntimeContext c = current();
        return c != null ? c.core.driver().time() : StandaloneTimer.driver();
    }

    /**
     * @return the reactor serving the calling thread: its runtime's, or the standalone one
     *     (turned by its own daemon thread) outside any runtime
     */
    public static Reactor reactor() {
        RuntimeContext c = current();
        return c != null ? c.core.driver().reactor() : StandaloneReactor.get();
    }

    /**
     * Sets the task being polled on this thread.
     *
     * @param t the task, or null between polls
     * @return the previous one
     */
    TaskCell<?> swapTask(TaskCell<?> t) {
        TaskCell<?> prev = task;
        task = t;
        return prev;
    }

    /**
     * Polls {@code t} once with this context marking it as the current task.
     *
     * @param t a task taken out of a run queue
     */
    public void runTask(TaskCell<?> t) {
        TaskCell<?> prev = swapTask(t);
        PollWatch w = watchIfWanted();
        if (w != null) {
            w.begin(t);
        }
        try {
            t.run();
        } finally {
            task = prev;
            if (w != null) {
                w.end();
            }
        }
    }

    /**
     * @return this thread's watch if blocked-worker warnings are on or a recording wants long
     *     polls (starting the watchdog), else null
     */
    private PollWatch watchIfWanted() {
        PollWatchdog d = core.watchdog();
        if (!d.wanted()) {
            return null;
        }
        if (watch == null) {
            watch = d.watch(Thread.currentThread());
        }
        d.ensureRunning();
        return watch;
    }
}
