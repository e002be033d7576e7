package dev.weft.internal.scheduler;

import dev.weft.future.Awaitable;
import dev.weft.future.CancelledException;
import dev.weft.internal.task.Sneaky;
import dev.weft.internal.task.TaskCell;
import dev.weft.internal.time.ClockSource;
import dev.weft.internal.time.PausedClock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code blockOn} calls in progress on one multi-thread runtime: each drives its root task on
 * the calling thread, parking between wakes, while the workers run everything spawned.
 *
 * <h2>Invariants</h2>
 * A root is in {@code roots} exactly while its caller is inside {@link #blockOn}; the paused
 * clock may jump only when every such caller is parked with no wake pending ({@link #idle()}),
 * and a caller about to park wakes the driver first so that the clock re-checks. A caller also
 * holds a paused clock while it runs (from its start to each park, and from each wake): a worker
 * that found every root parked just before a new one started cannot jump under that root.
 */
public final class BlockOnRoots {
    private final RuntimeCore runtime;
    private final Set<RootDriver> roots = ConcurrentHashMap.newKeySet();

    /** @param runtime the runtime whose workers run what the roots spawn */
    public BlockOnRoots(RuntimeCore runtime) {
        this.runtime = runtime;
    }

    /**
     * @param future the root future
     * @param <T> its type
     * @return its value
     * @throws Exception whatever it throws, unchanged
     * @throws IllegalStateException if the runtime is closed
     */
    public <T> T blockOn(Awaitable<T> future) throws Exception {
        if (runtime.owned.isClosed()) {
            throw new IllegalStateException("the Weft runtime is closed: cannot blockOn");
        }
        RuntimeContext ctx = RuntimeContext.enterBlockOn(runtime);
        try {
            RootDriver rootDriver = new RootDriver();
            TaskCell<T> root = new TaskCell<>(future, rootDriver);
            roots.add(rootDriver);
            try {
                drive(ctx, root, rootDriver);
            } finally {
                roots.remove(rootDriver);
            }
            return outputOf(root);
        } finally {
            ctx.exit();
        }
    }

    /** @return true if every caller inside {@code blockOn} is parked with nothing to run */
    public boolean idle() {
        for (RootDriver r : roots) {
            if (!r.parked || r.isWoken()) {
                return false;
            }
        }
        return true;
    }

    /** Polls {@code root} whenever it is woken until it completes. */
    private void drive(RuntimeContext ctx, TaskCell<?> root, RootDriver rootDriver) {
        Driver driver = runtime.driver();
        RootHold hold = new RootHold(driver.time().clock());
        hold.take();
        try {
            while (true) {
                if (rootDriver.takeWake()) {
                    ctx.runTask(root);
                    if (root.state().isComplete()) {
                        return;
                    }
                    continue;
                }
                rootDriver.parked = true;
                if (!rootDriver.isWoken()) {
                    hold.give();
                    if (hold.paused()) {
                        driver.wakeup();   // let a paused clock re-check: this thread is idle now
                    }
                    rootDriver.parker.park();
                    hold.take();
                }
                rootDriver.parked = false;
            }
        } finally {
            hold.give();
        }
    }

    /** The hold one running root keeps on a paused clock; taken and given at most once each time. */
    private static final class RootHold {
        private final PausedClock clock;
        private boolean held;

        RootHold(ClockSource clock) {
            this.clock = clock instanceof PausedClock p ? p : null;
        }

        boolean paused() {
            return clock != null;
        }

        void take() {
            if (clock != null && !held) {
                clock.hold();
                held = true;
            }
        }

        void give() {
            if (held) {
                held = false;
                clock.release();
            }
        }
    }

    /**
     * @param root a completed root task
     * @param <T> its type
     * @return its value, or its failure thrown unchanged
     */
    public static <T> T outputOf(TaskCell<T> root) {
        if (root.succeeded()) {
            return root.value();
        }
        if (root.wasCancelled()) {
            throw new CancelledException("the blockOn future was cancelled");
        }
        throw Sneaky.<RuntimeException>rethrow(root.failure());
    }
}
