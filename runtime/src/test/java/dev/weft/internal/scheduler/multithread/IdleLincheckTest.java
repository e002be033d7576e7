package dev.weft.internal.scheduler.multithread;

import dev.weft.internal.scheduler.InjectQueue;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

/**
 * Model checks the wake-up protocol of {@link Idle} with an {@link InjectQueue}: two workers,
 * each stepping the worker loop of {@code Worker} (take work; else start searching if the
 * throttle allows and look again; else park, and re-check the queue if it was the last
 * searcher), and producers that push a task and then ask {@link Idle#workerToNotify()} whom to
 * wake. A worker's park is a flag and an unpark permit, so a park never blocks an operation.
 *
 * <p>This is the Dekker pairing the scheduler relies on: a producer publishes work and then reads
 * the idle state; a worker changes the idle state and then reads the queue. Whatever the
 * interleaving, one of them must see the other.
 *
 * <p>{@link #check()}, at quiescence:
 * <ul>
 *   <li>The packed counts match the workers' own view exactly: unparked = workers not on the
 *       sleeper stack; searching = searching workers plus those notified and not yet awake (a
 *       notified worker is counted as searching by its notifier); a worker is on the stack iff
 *       it is parked and holds no unpark permit. Inside the operations, no count goes negative
 *       or above the number of workers (a negative count borrows across the packed halves).</li>
 *   <li>No lost wake-up: the workers then keep stepping, with no producer, until every one is
 *       parked with no permit; the queue must then be empty. Work left behind means a push whose
 *       notify found somebody searching, and that searcher parked without seeing the work.</li>
 * </ul>
 */
public class IdleLincheckTest {
    private static final int WORKERS = 2;
    private static final Field STATE;

    static {
        try {
            STATE = Idle.class.getDeclaredField("state");
            STATE.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Idle idle = new Idle(WORKERS);
    private final InjectQueue<Integer> inject = new InjectQueue<>();
    /** The unpark permit of each worker's parker (set by a notifier, consumed by the worker). */
    private final AtomicBoolean[] permit = new AtomicBoolean[WORKERS];
    /** Owner group only (and the validation): whether the worker is parked. */
    private final boolean[] parked = new boolean[WORKERS];
    /** Owner group only (and the validation): whether {@link Idle} counts the worker as searching. */
    private final boolean[] searching = new boolean[WORKERS];
    private final AtomicInteger nextTask = new AtomicInteger();
    private final List<Integer> ran = new ArrayList<>();

    public IdleLincheckTest() {
        for (int i = 0; i < WORKERS; i++) {
            permit[i] = new AtomicBoolean();
        }
        // worker 0 starts parked, worker 1 running: both a wake-up and a racing searcher are reachable
        idle.transitionWorkerToParked(0, false);
        parked[0] = true;
    }

    /** Publishes a task, then wakes a parked worker if the idle state asks for one. */
    @Operation
    public void spawn() {
        inject.push(nextTask.getAndIncrement());
        notifyParked();
    }

    @Operation(nonParallelGroup = "worker0")
    public void step0() {
        step(0);
    }

    @Operation(nonParallelGroup = "worker1")
    public void step1() {
        step(1);
    }

    private void notifyParked() {
        int w = idle.workerToNotify();
        checkRanges();
        if (w >= 0) {
            if (w >= WORKERS) {
                throw new IllegalStateException("notified worker " + w + " of " + WORKERS);
            }
            permit[w].set(true);
        }
    }

    /** One turn of the worker loop; never blocks (a park that would block just returns). */
    private void step(int i) {
        if (parked[i]) {
            if (!permit[i].getAndSet(false)) {
                return; // still asleep
            }
            if (idle.isParked(i)) {
                throw new IllegalStateException("worker " + i + " holds a permit but is still listed as parked");
            }
            parked[i] = false;
            searching[i] = true; // the notifier counted it as searching
        }
        Integer t = inject.pop();
        if (t == null) {
            if (!searching[i]) {
                searching[i] = idle.transitionWorkerToSearching();
                checkRanges();
            }
            if (searching[i]) {
                t = inject.pop(); // the searching pass (steal, then the injection queue)
            }
        }
        if (t != null) {
            if (searching[i]) {
                searching[i] = false;
                // the last searcher found work: it wakes another to keep looking
                if (idle.transitionWorkerFromSearching()) {
                    checkRanges();
                    notifyParked();
                }
                checkRanges();
            }
            synchronized (ran) {
                ran.add(t);
            }
            return;
        }
        boolean wasLastSearcher = idle.transitionWorkerToParked(i, searching[i]);
        checkRanges();
        searching[i] = false;
        parked[i] = true;
        if (wasLastSearcher && !inject.isEmpty()) {
            notifyParked();
        }
    }

    private int state() {
        try {
            return STATE.getInt(idle);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    private void checkRanges() {
        int s = state();
        if (Idle.searching(s) > WORKERS || Idle.unparked(s) > WORKERS) {
            throw new IllegalStateException("idle counts out of range: searching " + Idle.searching(s)
                    + ", unparked " + Idle.unparked(s) + " of " + WORKERS);
        }
    }

    @Validate
    public void check() {
        checkAccounting();
        // No producer any more: the workers run until each one is parked for good.
        for (int round = 0; round < 100 && !allAsleep(); round++) {
            for (int i = 0; i < WORKERS; i++) {
                step(i);
            }
        }
        if (!allAsleep()) {
            throw new IllegalStateException("the workers never settled");
        }
        checkAccounting();
        if (!inject.isEmpty()) {
            throw new IllegalStateException("lost wake-up: " + inject.len() + " task(s) queued while every worker is parked"
                    + " with no wake-up on its way (ran " + ran + ")");
        }
        if (ran.size() != nextTask.get()) {
            throw new IllegalStateException("ran " + ran + " of " + nextTask.get() + " tasks");
        }
    }

    private boolean allAsleep() {
        for (int i = 0; i < WORKERS; i++) {
            if (!parked[i] || permit[i].get()) {
                return false;
            }
        }
        return true;
    }

    private void checkAccounting() {
        checkRanges();
        int s = state();
        int listed = idle.sleepers().length;
        int expectedSearching = 0;
        for (int i = 0; i < WORKERS; i++) {
            boolean notified = permit[i].get();
            if (notified && !parked[i]) {
                throw new IllegalStateException("worker " + i + " holds a permit while running");
            }
            if (idle.isParked(i) != (parked[i] && !notified)) {
                throw new IllegalStateException("worker " + i + ": listed " + idle.isParked(i) + ", parked " + parked[i]
                        + ", notified " + notified);
            }
            if (parked[i] ? notified : searching[i]) {
                expectedSearching++;
            }
        }
        if (Idle.unparked(s) != WORKERS - listed) {
            throw new IllegalStateException("unparked count " + Idle.unparked(s) + " but " + listed + " of "
                    + WORKERS + " workers listed as parked");
        }
        if (Idle.searching(s) != expectedSearching) {
            throw new IllegalStateException("searching count " + Idle.searching(s) + " but " + expectedSearching
                    + " workers search or were notified");
        }
    }

    @Test
    void modelCheck() {
        new ModelCheckingOptions()
                .iterations(30)
                .invocationsPerIteration(300)
                .threads(3)
                .actorsPerThread(3)
                .actorsBefore(0)
                .actorsAfter(0)
                .check(IdleLincheckTest.class);
    }
}
