package dev.weft.internal.scheduler;

import dev.weft.coroutine.abi.CarrierThread;

/**
 * A thread owned by a runtime: a {@link CarrierThread} (so the coroutine it polls is a field
 * read away) that also carries its {@link RuntimeContext} in a field instead of a thread-local.
 */
public final class WorkerThread extends CarrierThread {
    /** The runtime and task this thread is running; this thread only. */
    final RuntimeContext context;
    private final Runnable body;

    /**
     * @param scheduler the runtime the thread works for
     * @param body what the thread runs
     * @param name the thread name
     * @param stackSize the stack size in bytes, or 0 for the JVM's default
     */
    public WorkerThread(Scheduler scheduler, Runnable body, String name, long stackSize) {
        super(null, body, name, stackSize);
        this.context = new RuntimeContext(scheduler);
        this.body = body;
        setDaemon(true);
    }

    /** @return what the thread runs (a multi-thread worker), to find its per-worker state */
    public Runnable body() {
        return body;
    }

    /** @return the context; this thread only */
    public RuntimeContext context() {
        return context;
    }
}
