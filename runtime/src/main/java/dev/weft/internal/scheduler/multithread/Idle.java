package dev.weft.internal.scheduler.multithread;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Which workers are searching for work and which are parked (Tokio's
 * {@code multi_thread/idle.rs}).
 *
 * <h2>State</h2>
 * One int: the number of searching workers in the low 16 bits, the number of unparked workers in
 * the high 16 bits; plus the stack of parked worker indexes, guarded by {@code this}.
 *
 * <h2>Invariants</h2>
 * <ol>
 *   <li>Searching is throttled: a worker may start searching only while fewer than half of the
 *       workers search (a racy check: a few more may slip in, which only costs contention).</li>
 *   <li>A wake-up is sent ({@link #workerToNotify()}) only when nobody searches and someone is
 *       parked. A searcher that stops searching and was the last one re-checks every queue
 *       ({@code transitionWorkerToParked} returns true) before it parks.</li>
 *   <li>A worker that is notified is unparked and counted as searching by the notifier, so a
 *       burst of spawns wakes one worker, not all of them.</li>
 * </ol>
 *
 * <h2>Memory ordering</h2>
 * Every access to the state word is volatile (the JMM's total order over volatile accesses is
 * Tokio's {@code SeqCst}). A producer publishes work, issues a full fence, then reads the state
 * here; a worker changes the state here, then reads the queues. One of them sees the other.
 */
final class Idle {
    private static final int UNPARK_SHIFT = 16;
    private static final int SEARCH_MASK = (1 << UNPARK_SHIFT) - 1;
    private static final int UNPARK_ONE = 1 << UNPARK_SHIFT;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Idle.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int numWorkers;
    private volatile int state;
    /** Parked worker indexes; guarded by {@code this}. */
    private final int[] sleepers;
    private int numSleepers;
    /** How many times a worker has left the sleepers; written under {@code this}. */
    private volatile long unparks;

    Idle(int numWorkers) {
        if (numWorkers > SEARCH_MASK) {
            throw new IllegalArgumentException("at most " + SEARCH_MASK + " workers");
        }
        this.numWorkers = numWorkers;
        this.state = numWorkers << UNPARK_SHIFT;
        this.sleepers = new int[numWorkers];
    }

    static int searching(int s) {
        return s & SEARCH_MASK;
    }

    static int unparked(int s) {
        return s >>> UNPARK_SHIFT;
    }

    /** @return true if every worker is parked (counted as not unparked); any thread */
    boolean allParked() {
        return unparked(state) == 0;
    }

    /**
     * @return how many times a worker has been unparked so far; the same value read twice with
     *         {@link #allParked()} true before the first read means no worker ran in between
     */
    long unparks() {
        return unparks;
    }

    /** @return the index of a parked worker to unpark, or -1 if none should be; any thread */
    int workerToNotify() {
        if (!notifyShouldWakeup()) {
            return -1;
        }
        synchronized (this) {
            if (!notifyShouldWakeup() || numSleepers == 0) {
                return -1;
            }
            // the woken worker starts out searching
            STATE.getAndAdd(this, UNPARK_ONE | 1);
            unparks++;
            return sleepers[--numSleepers];
        }
    }

    private boolean notifyShouldWakeup() {
        // the producer's side of the Dekker pattern: its push happens before this read
        VarHandle.fullFence();
        int s = state;
        return searching(s) == 0 && unparked(s) < numWorkers;
    }

    /** @return true if the caller may search (and is now counted as searching) */
    boolean transitionWorkerToSearching() {
        int s = state;
        if (2 * searching(s) >= numWorkers) {
            return false;
        }
        STATE.getAndAdd(this, 1);
        return true;
    }

    /** @return true if the caller was the last searcher: it must wake another worker if work exists */
    boolean transitionWorkerFromSearching() {
        int prev = (int) STATE.getAndAdd(this, -1);
        return searching(prev) == 1;
    }

    /**
     * Records that worker {@code index} is about to park.
     *
     * @param index the worker
     * @param isSearching whether it was counted as searching
     * @return true if it was the last searcher: it must re-check every queue
     */
    synchronized boolean transitionWorkerToParked(int index, boolean isSearching) {
        int prev = (int) STATE.getAndAdd(this, -(UNPARK_ONE | (isSearching ? 1 : 0)));
        sleepers[numSleepers++] = index;
        return isSearching && searching(prev) == 1;
    }

    /** @return true if worker {@code index} is still parked (not chosen by a notifier) */
    synchronized boolean isParked(int index) {
        for (int i = 0; i < numSleepers; i++) {
            if (sleepers[i] == index) {
                return true;
            }
        }
        return false;
    }

    /**
     * Takes worker {@code index} off the sleepers on its own (at shutdown or with work found).
     *
     * @param index the worker
     * @return true if it was still listed (it is now unparked, not searching)
     */
    synchronized boolean unparkWorkerById(int index) {
        for (int i = 0; i < numSleepers; i++) {
            if (sleepers[i] == index) {
                sleepers[i] = sleepers[--numSleepers];
                STATE.getAndAdd(this, UNPARK_ONE);
                unparks++;
                return true;
            }
        }
        return false;
    }

    /** @return the parked worker indexes now, in no order (for tests: each appears once) */
    synchronized int[] sleepers() {
        return java.util.Arrays.copyOf(sleepers, numSleepers);
    }

    /** @return how many workers search now (approximate) */
    int numSearching() {
        return searching(state);
    }
}
