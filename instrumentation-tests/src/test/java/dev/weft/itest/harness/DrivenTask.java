package dev.weft.itest.harness;

import dev.weft.Coroutine;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One coroutine driven by a {@link CoroutineDriver}, and the waker that schedules its polls.
 *
 * <h2>Invariants</h2>
 * The state word makes sure the coroutine is polled by one thread at a time and that no wake-up
 * is lost: IDLE -(wake)-> SCHEDULED -(poll starts)-> RUNNING -(pending)-> IDLE;
 * RUNNING -(wake)-> NOTIFIED -(pending)-> SCHEDULED (polled again at once); RUNNING -(ready or
 * thrown)-> DONE. Wakes in SCHEDULED, NOTIFIED or DONE do nothing.
 *
 * <h2>Memory ordering</h2>
 * The coroutine and its {@link RunContext} are touched only by the polling thread; the
 * executor's hand-off (and the CAS on {@code state}) orders one poll before the next.
 */
public final class DrivenTask implements Waker {
    private static final int IDLE = 0;
    private static final int SCHEDULED = 1;
    private static final int RUNNING = 2;
    private static final int NOTIFIED = 3;
    private static final int DONE = 4;

    private final CoroutineDriver driver;
    private final Coroutine<Object> co;
    private final RunContext ctx;
    private final AtomicInteger state = new AtomicInteger(IDLE);
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    private final Set<String> pollThreads = new LinkedHashSet<>();
    private volatile Thread runningOn;
    private volatile int polls;
    private volatile int pendingPolls;

    DrivenTask(CoroutineDriver driver, Coroutine<Object> co, RunContext ctx) {
        this.driver = driver;
        this.co = co;
        this.ctx = ctx;
    }

    @Override
    public void wake() {
        while (true) {
            int s = state.get();
            if (s == IDLE) {
                if (state.compareAndSet(IDLE, SCHEDULED)) {
                    driver.schedule(this);
                    return;
                }
            } else if (s == RUNNING) {
                if (state.compareAndSet(RUNNING, NOTIFIED)) {
                    return;
                }
            } else {
                return;
            }
        }
    }

    void poll() {
        if (!state.compareAndSet(SCHEDULED, RUNNING)) {
            throw new IllegalStateException("polled in state " + state.get());
        }
        runningOn = Thread.currentThread();
        pollThreads.add(Thread.currentThread().getName());
        RunContext.install(ctx);
        Poll<Object> p = null;
        Throwable failure = null;
        try {
            p = co.poll(this);
        } catch (Throwable t) {
            failure = t;
        } finally {
            RunContext.uninstall();
            runningOn = null;
        }
        polls++;
        if (failure != null) {
            state.set(DONE);
            outcome.complete(Outcome.threw(failure, ctx));
            return;
        }
        if (p.isReady()) {
            state.set(DONE);
            outcome.complete(Outcome.returned(p.value(), ctx));
            return;
        }
        pendingPolls++;
        driver.release(ctx.drainUnreleased());
        if (!state.compareAndSet(RUNNING, IDLE)) {
            state.set(SCHEDULED); // woken while running: poll again
            driver.schedule(this);
        }
    }

    /**
     * Waits for the coroutine to finish.
     *
     * @param timeoutMillis the bound
     * @return its outcome
     * @throws AssertionError with the task's state and, if a poll is stuck, its stack, when the
     *     bound passes
     */
    public Outcome await(long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        int pinnedSightings = 0;
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException();
                }
                try {
                    return outcome.get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(250)), TimeUnit.NANOSECONDS);
                } catch (TimeoutException tick) {
                    // An await that blocks in a pinned frame never returns here (the gate is released only
                    // after the poll returns): say so now instead of at the deadline.
                    pinnedSightings = driver.anyBlockedPinned() ? pinnedSightings + 1 : 0;
                    if (pinnedSightings >= 2) {
                        throw new TimeoutException();
                    }
                }
            }
        } catch (TimeoutException e) {
            StringBuilder sb = new StringBuilder(driver.anyBlockedPinned()
                    ? "an await blocked its thread instead of suspending (a pinned frame: not rewritten, or reached"
                    + " through a frame that is not)" : "the coroutine did not finish within " + timeoutMillis + " ms")
                    .append(": state=").append(stateName()).append(", polls=").append(polls)
                    .append(", pending polls=").append(pendingPolls).append(", gates made=").append(ctx.gates());
            Thread t = runningOn;
            if (t == null && driver.anyBlockedPinned()) {
                sb.append("\n  another coroutine of this run is stuck in a pinned await and holds a poller");
            } else if (t != null) {
                sb.append("\n  a poll is stuck on ").append(t.getName())
                        .append(" (an await that blocked instead of suspending? a pinned frame?):");
                for (StackTraceElement el : t.getStackTrace()) {
                    sb.append("\n    at ").append(el);
                }
            } else if (state.get() == SCHEDULED) {
                sb.append("\n  scheduled but never polled: both poller threads are busy (stuck in a poll of another"
                        + " coroutine of this run?)");
            } else {
                sb.append("\n  no poll is running: a waker was never called (a lost wake-up?)");
            }
            throw new AssertionError(sb.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
    }

    /** @return true if the poll in progress is parked in the runtime's pinned (blocking) await */
    boolean blockedPinned() {
        Thread t = runningOn;
        if (t == null) {
            return false;
        }
        for (StackTraceElement el : t.getStackTrace()) {
            if (el.getMethodName().equals("blockPinned")) {
                return true;
            }
        }
        return false;
    }

    private String stateName() {
        return Arrays.asList("IDLE", "SCHEDULED", "RUNNING", "NOTIFIED", "DONE").get(state.get());
    }

    /** @return the run's context (its log and gate counts) */
    public RunContext context() {
        return ctx;
    }

    /** @return polls that returned pending */
    public int pendingPolls() {
        return pendingPolls;
    }

    /** @return awaits of {@link Src}'s own suspendable methods */
    public int srcAwaits() {
        return ctx.srcAwaits();
    }

    /** @return the names of the threads that polled, in first-use order */
    public Set<String> pollThreads() {
        return pollThreads;
    }
}
