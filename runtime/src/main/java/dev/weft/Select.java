package dev.weft;

import dev.weft.future.Awaitable;
import dev.weft.future.CancelledException;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.internal.task.Sneaky;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Waits on several branches at once in the calling task; the first to finish wins and the others
 * are cancelled: Tokio's {@code select!}.
 *
 * <pre>{@code
 * while (true) {
 *     boolean more = Select.<Boolean>random()
 *             .on(rx.recvAwaitable(), msg -> { handle(msg); return msg != null; })
 *             .onCall(ticks::tick, t -> { flush(); return true; })
 *             .on(shutdown.notified(), x -> false)
 *             .await();
 *     if (!more) break;
 * }
 * }</pre>
 *
 * <h2>Branches</h2>
 * <ul>
 *   <li>{@link #on(Awaitable, Arm)}: a leaf future (a channel receive, a timer, a
 *       {@code Notified}, a {@link JoinHandle}, ...). A losing leaf that was polled is
 *       {@link Awaitable#abandon() abandoned}, which for Weft's own futures leaves no registration
 *       behind and consumes nothing (a cancel-safe receive loses no message).</li>
 *   <li>{@link #onCall(AsyncCallable, Arm)}: a suspendable lambda, run as a child
 *       {@link Coroutine} polled by this task (no new task is spawned). A losing child that
 *       started is cancelled ({@link Coroutine#cancel()}) and polled once more, so its
 *       {@code finally} blocks run before {@link #await()} returns; one that never started never
 *       runs. A cancelled child may have done work before its cancelled await: only leaf futures
 *       and cancel-safe methods (such as {@code recv}) are free of side effects when they lose.</li>
 * </ul>
 * The winner's value goes to its {@link Arm}, which runs in the calling task after every loser is
 * cleaned up; the arm's result is what {@code await()} returns. If a branch throws, the branches
 * after it in the same poll are still polled once, then every other branch is cancelled the same
 * way and the first exception propagates from {@code await()}, with the failures of the other
 * branches in that poll (and of their cleanup) attached as {@linkplain Throwable#getSuppressed()
 * suppressed}: a select whose branches all fail reports every failure. A branch that completes
 * with a value in the poll where another failed has its value dropped.
 *
 * <h2>Order</h2>
 * Each time the select is polled, every branch is polled once, in an order starting at a random
 * branch ({@link #random()}, the default, so no branch starves) or in the order they were added
 * ({@link #biased()}, like {@code biased;} in Tokio: cheaper, and lets a shutdown signal take
 * precedence). A select is used once; build a new one per loop iteration.
 *
 * <h2>Cancellation</h2>
 * If the task awaiting the select is cancelled, every started branch is cleaned up as a loser.
 *
 * @param <R> the result type of every arm
 */
public final class Select<R> {
    /**
     * What to do with the winning branch's value; runs in the calling task and may suspend.
     *
     * @param <T> the branch's value type
     * @param <R> the select's result type
     */
    @FunctionalInterface
    public interface Arm<T, R> {
        /**
         * @param value the winning branch's value
         * @return the select's result
         * @throws Exception propagated from {@link Select#await()}
         */
        @Suspendable
        R apply(T value) throws Exception;
    }

    private final boolean biased;
    private final List<Branch<?>> branches = new ArrayList<>(4);

    private Select(boolean biased) {
        this.biased = biased;
    }

    /**
     * @param <R> the result type
     * @return a select that starts each poll at a random branch (fair)
     */
    public static <R> Select<R> random() {
        return new Select<>(false);
    }

    /**
     * @param <R> the result type
     * @return a select that polls branches in the order they were added
     */
    public static <R> Select<R> biased() {
        return new Select<>(true);
    }

    /**
     * Adds a leaf-future branch.
     *
     * @param future the future
     * @param arm run with its value if it wins
     * @param <T> its value type
     * @return this select
     */
    public <T> Select<R> on(Awaitable<T> future, Arm<? super T, ? extends R> arm) {
        if (future == null || arm == null) {
            throw new NullPointerException("future and arm must not be null");
        }
        branches.add(new Branch<>(future, false, arm));
        return this;
    }

    /**
     * Adds a branch that runs {@code body} as a child coroutine of the calling task.
     *
     * @param body the suspendable branch
     * @param arm run with its result if it wins
     * @param <T> its result type
     * @return this select
     */
    public <T> Select<R> onCall(AsyncCallable<T> body, Arm<? super T, ? extends R> arm) {
        if (body == null || arm == null) {
            throw new NullPointerException("body and arm must not be null");
        }
        branches.add(new Branch<>(new CoroutineState<>(body), true, arm));
        return this;
    }

    /**
     * Runs the race and then the winner's arm; see the class doc.
     *
     * @return the winner's arm's result
     * @throws Exception whatever a branch or the winner's arm throws
     * @throws IllegalStateException if no branch was added
     */
    @Suspendable
    public R await() throws Exception {
        Race race = race();
        Branch<?> winner = Async.await(race);
        return winner.runArm();
    }

    /** @return the future of the race: the winning branch, once the losers are cleaned up */
    private Race race() {
        if (branches.isEmpty()) {
            throw new IllegalStateException("select needs at least one branch");
        }
        return new Race();
    }

    /** One branch: the future, whether it is a child coroutine, whether it was polled, its arm. */
    private static final class Branch<T> {
        final Awaitable<T> future;
        final boolean child;
        final Arm<? super T, ?> arm;
        boolean polled;
        T value;

        Branch(Awaitable<T> future, boolean child, Arm<? super T, ?> arm) {
            this.future = future;
            this.child = child;
            this.arm = arm;
        }

        /** @return true if it completed (its value stored) */
        boolean poll(Waker waker) {
            polled = true;
            Poll<T> p = future.poll(waker);
            if (p.isReady()) {
                value = p.value();
                return true;
            }
            return false;
        }

        @Suspendable
        @SuppressWarnings("unchecked")
        <R> R runArm() throws Exception {
            T v = value;
            value = null;
            return ((Arm<T, R>) arm).apply(v);
        }

        /**
         * Cleans up a branch that lost (or whose select was abandoned).
         *
         * @return a failure the cleanup raised other than the expected cancellation, or null
         */
        Throwable lose() {
            if (!polled) {
                return null;
            }
            if (!child) {
                future.abandon();
                return null;
            }
            try {
                // the one cancellation path: every await now throws CancelledException, so the
                // branch's finally blocks run (a branch that already finished is left alone)
                ((CoroutineState<T>) future).unwind(Waker.NOOP);
            } catch (CancelledException expected) {
                return null;
            } catch (Throwable t) {
                return t;
            }
            return null;
        }
    }

    /** The future of one race; polled by the task that awaits the select. */
    final class Race implements Awaitable<Branch<?>> {
        private boolean finished;

        @Override
        public Poll<Branch<?>> poll(Waker waker) {
            if (finished) {
                throw new IllegalStateException("a select was polled after it completed");
            }
            int n = branches.size();
            int start = biased || n == 1 ? 0 : ThreadLocalRandom.current().nextInt(n);
            for (int k = 0; k < n; k++) {
                int i = start + k;
                if (i >= n) {
                    i -= n;
                }
                Branch<?> b = branches.get(i);
                boolean ready;
                try {
                    ready = b.poll(waker);
                } catch (Throwable t) {
                    finished = true;
                    finishRoundAfterFailure(t, start, k + 1, waker);
                    Throwable cleanup = loseAllBut(b);
                    if (cleanup != null) {
                        t.addSuppressed(cleanup);
                    }
                    throw Sneaky.<RuntimeException>rethrow(t);
                }
                if (ready) {
                    finished = true;
                    Throwable cleanup = loseAllBut(b);
                    if (cleanup != null) {
                        throw Sneaky.<RuntimeException>rethrow(cleanup);
                    }
                    return Poll.ready(b);
                }
            }
            return Poll.pending();
        }

        /**
         * After the branch at position {@code from - 1} of this poll failed with {@code first}:
         * polls the rest of this poll's branches once, so that when several fail together the
         * select throws one failure with the others suppressed. A value produced here is dropped
         * (the branch lost after completing).
         */
        private void finishRoundAfterFailure(Throwable first, int start, int from, Waker waker) {
            int n = branches.size();
            for (int k = from; k < n; k++) {
                int i = start + k;
                if (i >= n) {
                    i -= n;
                }
                try {
                    branches.get(i).poll(waker);
                } catch (Throwable t) {
                    if (t != first) {
                        first.addSuppressed(t);
                    }
                }
            }
        }

        @Override
        public void abandon() {
            finished = true;
            loseAllBut(null);
        }

        private Throwable loseAllBut(Branch<?> winner) {
            Throwable first = null;
            for (Branch<?> b : branches) {
                if (b == winner) {
                    continue;
                }
                Throwable t = b.lose();
                if (t != null) {
                    if (first == null) {
                        first = t;
                    } else {
                        first.addSuppressed(t);
                    }
                }
            }
            return first;
        }
    }
}
