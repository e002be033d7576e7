package dev.weft.sync;

import dev.weft.Async;
import dev.weft.Suspendable;
import dev.weft.future.Awaitable;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.internal.sync.WakeList;
import java.util.ArrayList;
import java.util.List;

/**
 * Lets {@code n} tasks wait for each other, reusable round after round: Tokio's
 * {@code sync::Barrier}.
 *
 * <pre>{@code
 * Barrier b = new Barrier(3);
 * // in each of 3 tasks:
 * if (b.await()) { System.out.println("I was last: the leader"); }
 * }</pre>
 *
 * <p>The {@code n}th arrival of a round releases everyone and is the round's leader
 * ({@link #await()} returns true for it only). Cancel safety: a task cancelled while waiting
 * withdraws its arrival, unless its round already completed.
 *
 * <p>Invariants: {@code arrived < parties} between rounds; {@code round} and {@code arrived} and
 * the waiter list are guarded by {@code lock}.
 */
public final class Barrier {
    private final int parties;
    private final Object lock = new Object();
    /** guarded by lock */
    private long round;
    /** guarded by lock */
    private int arrived;
    /** guarded by lock */
    private final List<Arrival> waiting = new ArrayList<>();

    /** @param parties tasks per round, at least 1 */
    public Barrier(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("parties must be at least 1, got " + parties);
        }
        this.parties = parties;
    }

    /**
     * Arrives and waits for the rest of the round.
     *
     * @return true for exactly one task per round, the last to arrive
     */
    @Suspendable
    public boolean await() {
        return Async.await(new Arrival());
    }

    private final class Arrival implements Awaitable<Boolean> {
        private long myRound = -1;
        private Waker waker;

        @Override
        public Poll<Boolean> poll(Waker w) {
            WakeList wake = null;
            synchronized (lock) {
                if (myRound < 0) {
                    myRound = round;
                    if (++arrived == parties) {
                        arrived = 0;
                        round++;
                        wake = new WakeList();
                        for (Arrival a : waiting) {
                            wake.add(a.waker);
                        }
                        waiting.clear();
                    } else {
                        waker = w;
                        waiting.add(this);
                        return Poll.pending();
                    }
                } else if (round == myRound) {
                    waker = w;
                    return Poll.pending();
                } else {
                    return Poll.ready(Boolean.FALSE);
                }
            }
            wake.wakeAll();
            return Poll.ready(Boolean.TRUE);
        }

        @Override
        public void abandon() {
            synchronized (lock) {
                if (myRound >= 0 && round == myRound && waiting.remove(this)) {
                    arrived--;
                }
            }
        }
    }
}
