package dev.weft.coroutine.abi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A seeded random schedule for a current-thread runtime, to find ordering bugs in tests: which
 * queued task runs next, and whether a leaf await answers "pending" once (and wakes itself) even
 * though its future may be ready. The same seed gives the same decisions, so with a single driving
 * thread and no outside events (a paused clock, no real I/O) a run replays exactly.
 *
 * <h2>Cost when unused</h2>
 * The leaf-await hook reads one static volatile ({@link #anyActive()}), non-zero only while some
 * runtime drives with a random schedule; the scheduler hook is one field read per poll of its own
 * runtime.
 *
 * <h2>Who may call</h2>
 * The driving thread of the runtime that owns it, between {@link #enter()} and {@link #exit()}.
 */
public final class RandomSchedule {
    /** Runtimes driving with a random schedule now, in this JVM. */
    private static final AtomicInteger ACTIVE = new AtomicInteger();
    private static final ThreadLocal<RandomSchedule> DRIVING = new ThreadLocal<>();

    private final long seed;
    private final SplittableRandom random;
    /** Awaiters told "pending" at their current await; the next visit of each one goes through. */
    private final Set<Object> forced = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Object> drained = new ArrayList<>();

    /** @param seed the seed every decision derives from */
    public RandomSchedule(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    /** @return the seed */
    public long seed() {
        return seed;
    }

    /** @return true if any runtime drives with a random schedule now (the hot-path gate) */
    public static boolean anyActive() {
        return ACTIVE.get() != 0;
    }

    /**
     * At a leaf await on the calling thread that could suspend: should it answer pending now?
     *
     * @param awaiter the suspending coroutine, by identity
     * @return true to suspend once and wake itself; false outside a random schedule
     */
    public static boolean forcePendingHere(Object awaiter) {
        RandomSchedule r = DRIVING.get();
        return r != null && r.forcePending(awaiter);
    }

    private boolean forcePending(Object awaiter) {
        if (forced.remove(awaiter)) {
            return false;   // told pending at this await already: let it poll for real
        }
        if (random.nextBoolean()) {
            forced.add(awaiter);
            return true;
        }
        return false;
    }

    /** Makes this the calling thread's schedule; pair with {@link #exit()}. */
    public void enter() {
        DRIVING.set(this);
        ACTIVE.incrementAndGet();
    }

    /** Ends {@link #enter()}. */
    public void exit() {
        ACTIVE.decrementAndGet();
        DRIVING.remove();
    }

    /** @return a fair coin, drawn from the schedule */
    public boolean coin() {
        return random.nextBoolean();
    }

    /**
     * Takes a random element out of {@code queue}, leaving the others in their order.
     *
     * @param queue the run queue; only the driving thread takes from it, others may add
     * @param <T> the element type
     * @return the element, or null if the queue is empty
     */
    @SuppressWarnings("unchecked")
    public <T> T pick(Queue<T> queue) {
        T t;
        while ((t = queue.poll()) != null) {
            drained.add(t);
        }
        int n = drained.size();
        if (n == 0) {
            return null;
        }
        T chosen = (T) drained.remove(random.nextInt(n));
        for (Object o : drained) {
            queue.add((T) o);   // behind anything added meanwhile: still a valid schedule
        }
        drained.clear();
        return chosen;
    }
}
