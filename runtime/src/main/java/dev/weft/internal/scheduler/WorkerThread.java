package dev.weft.internal.scheduler;

import dev.weft.coroutine.abi.CarrierThread;

/**
 * A thread owned by a runtime: a {@link CarrierThread} (so the coroutine it polls is a field
 * read away) that also carries its {@link RuntimeContext} in a field instead of a thread-local.
 */
public final class WorkerThread extends CarrierThread {
    /** The runtime, worker and task this thread is running; this thread only. */
    final RuntimeContext context;

    /**
     * @param core the runtime the thread works for
     * @param worker what the thread runs; its context holds it
     * @param name the thread name
     * @param stackSize the stack size in bytes, or 0 for the JVM's default
     */
    public WorkerThread(RuntimeCore core, WorkerLoop worker, String name, long stackSize) {
        super(null, worker, name, stackSize);
        this.context = new RuntimeContext(core, worker);
        setDaemon(true);
    }

    /** @return the context; this thread only */
    public RuntimeContext context() {
        return context;
    }
}
