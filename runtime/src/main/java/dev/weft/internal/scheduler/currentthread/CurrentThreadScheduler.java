package dev.weft.internal.scheduler.currentthread;

import dev.weft.coroutine.abi.RandomSchedule;
import dev.weft.future.Awaitable;
import dev.weft.internal.scheduler.BlockOnRoots;
import dev.weft.internal.scheduler.Driver;
import dev.weft.internal.scheduler.Parker;
import dev.weft.internal.scheduler.RootDriver;
import dev.weft.internal.scheduler.RuntimeConfig;
import dev.weft.internal.scheduler.RuntimeContext;
import dev.weft.internal.scheduler.RuntimeCore;
import dev.weft.internal.scheduler.SchedulerFlavour;
import dev.weft.internal.scheduler.SchedulerStats;
import dev.weft.internal.task.TaskCell;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The flavour that runs every task on the thread that calls {@code blockOn}, as Tokio's
 * current-thread runtime: spawned tasks wait in one queue and run only while some thread is
 * inside {@code blockOn} (or {@code close()}, whose drain step drives them to their
 * cancellation). It has no threads of its own.
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>At most one thread drives at a time ({@code drivingThread}); a second concurrent
 *       {@code blockOn} is refused with a message naming the driving thread.</li>
 *   <li>{@code schedule} appends to the queue and then reads {@code activeParker}; the driver
 *       publishes {@code activeParker} and then reads the queue before parking (both volatile),
 *       so a task enqueued while the driver is about to park always unparks it.</li>
 * </ul>
 */
public final class CurrentThreadScheduler implements SchedulerFlavour {
    private final RuntimeCore core;
    private final RuntimeConfig config;
    private final Driver driver;
    private final ConcurrentLinkedQueue<TaskCell<?>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicReference<Thread> drivingThread = new AtomicReference<>();
    /** The root being driven, for the driver's "is there work" check; driving thread only. */
    private volatile RootDriver activeRoot;
    /** True while the driving thread parks in the selector. */
    private volatile boolean inDriver;
    /** Passes of the run loop, for the periodic driver turn; driving thread only. */
    private int turns;
    private volatile Parker activeParker;
    /** A seeded random poll order and leaf-await decisions (tests), or null: FIFO. */
    private final RandomSchedule randomSchedule;
    private static final VarHandle POLLS;
    private static final VarHandle PARKS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            POLLS = l.findVarHandle(CurrentThreadScheduler.class, "polls", long.class);
            PARKS = l.findVarHandle(CurrentThreadScheduler.class, "parks", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Tasks polled from the queue; written by the driving thread only (opaque), read by any. */
    private long polls;
    /** Parks in the driver; written by the driving thread only (opaque), read by any. */
    private long parks;

    /**
     * @param core the runtime this flavour schedules for
     * @param randomSchedule a seeded random schedule to drive with (see {@link RandomSchedule}),
     *     or null for FIFO
     */
    public CurrentThreadScheduler(RuntimeCore core, RandomSchedule randomSchedule) {
        this.core = core;
        this.config = core.config();
        this.driver = core.driver();
        this.randomSchedule = randomSchedule;
    }

    @Override
    public void startWorkers() {
        // no threads of its own: tasks run inside blockOn
    }

    @Override
    public void schedule(TaskCell<?> task) {
        queue.add(task);
        Parker p = activeParker;
        if (p != null) {
            p.unpark();
            if (inDriver) {
                driver.wakeup();
            }
        }
    }

    @Override
    public void scheduleYield(TaskCell<?> task) {
        schedule(task);
    }

    private void acquireDriver() {
        Thread me = Thread.currentThread();
        Thread other = drivingThread.compareAndExchange(null, me);
        if (other != null) {
            throw new IllegalStateException("a current-thread Weft runtime runs on one thread at a time, and '"
                    + other.getName() + "' is inside its blockOn; spawn the work instead, or use a multi-thread runtime");
        }
    }

    @Override
    public <T> T blockOn(Awaitable<T> future) throws Exception {
        if (core.isClosed()) {
            throw new IllegalStateException("the Weft runtime is closed: cannot blockOn");
        }
        RuntimeContext ctx = RuntimeContext.enterBlockOn(core);
        try {
            acquireDriver();
            try {
                RootDriver rootDriver = new RootDriver();
                rootDriver.alsoWake(() -> {
                    if (inDriver) {
                        driver.wakeup();
                    }
                });
                TaskCell<T> root = new TaskCell<>(future, rootDriver);
                activeRoot = rootDriver;
                activeParker = rootDriver.parker;
                RandomSchedule rs = randomSchedule;
                if (rs != null) {
                    rs.enter();
                }
                try {
                    drive(ctx, root, rootDriver);
                } finally {
                    if (rs != null) {
                        rs.exit();
                    }
                }
                return BlockOnRoots.outputOf(root);
            } finally {
                activeParker = null;
                activeRoot = null;
                drivingThread.set(null);
            }
        } finally {
            ctx.exit();
        }
    }

    private void drive(RuntimeContext ctx, TaskCell<?> root, RootDriver rootDriver) {
        int interval = config.eventInterval();
        while (true) {
            // a random schedule sometimes runs the queue before a woken root
            if ((randomSchedule == null || randomSchedule.coin() || queue.isEmpty()) && rootDriver.takeWake()) {
                ctx.runTask(root);
                if (root.state().isComplete()) {
                    return;
                }
            }
            if (runQueued(ctx, interval) == interval) {
                // a full batch: serve timers and sockets before the next one, or a task that
                // keeps the queue busy (yielding) would starve them
                driver.turnNow();
                continue;
            }
            if (!rootDriver.isWoken() && queue.isEmpty()) {
                parkInDriver(rootDriver.parker);
            } else if (++turns % interval == 0) {
                driver.turnNow();   // timers and sockets while the queue stays busy
            }
        }
    }

    /** The only thread parks in the selector, bounded by the next timer; schedule() wakes it. */
    private void parkInDriver(Parker parker) {
        PARKS.setOpaque(this, parks + 1);   // driving thread only
        inDriver = true;
        try {
            if (!parker.tryConsume() && !rootIsWoken() && queue.isEmpty()) {
                driver.park(true);
            }
        } finally {
            inDriver = false;
        }
        parker.tryConsume();
    }

    private boolean rootIsWoken() {
        RootDriver r = activeRoot;
        return r != null && r.isWoken();
    }

    private int runQueued(RuntimeContext ctx, int max) {
        int n = 0;
        TaskCell<?> t;
        RandomSchedule rs = randomSchedule;
        while (n < max && (t = rs == null ? queue.poll() : rs.pick(queue)) != null) {
            ctx.runTask(t);
            n++;
        }
        if (n > 0) {
            // one driving thread at a time (drivingThread), handed over through that CAS
            POLLS.setOpaque(this, polls + n);
        }
        return n;
    }

    /** Drives the queue on the closing thread, so cancelled tasks unwind. */
    @Override
    public boolean drain(long deadline) {
        if (RuntimeContext.current() != null || drivingThread.get() != null) {
            // another thread drives (it will run the cancellations), or we cannot enter here
            return core.awaitDrained(deadline);
        }
        RuntimeContext ctx = RuntimeContext.enterBlockOn(core);
        try {
            acquireDriver();
            Parker p = new Parker(Thread.currentThread());
            activeParker = p;
            try {
                while (!core.drained()) {
                    if (runQueued(ctx, config.eventInterval()) > 0) {
                        continue;
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    if (queue.isEmpty()) {
                        p.parkNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(10)));
                    }
                }
                return true;
            } finally {
                activeParker = null;
                drivingThread.set(null);
            }
        } catch (IllegalStateException raced) {
            return core.awaitDrained(deadline);
        } finally {
            ctx.exit();
        }
    }

    @Override
    public SchedulerStats stats() {
        return new SchedulerStats(1, queue.size(), 0, (long) POLLS.getOpaque(this), 0, (long) PARKS.getOpaque(this));
    }

    @Override
    public void stopWorkers(long deadline) {
        // no threads of its own
    }
}
