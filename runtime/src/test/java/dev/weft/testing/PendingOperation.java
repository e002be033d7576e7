package dev.weft.testing;

import dev.weft.future.Awaitable;
import dev.weft.future.Poll;
import java.util.ArrayList;
import java.util.List;

/**
 * One waiting operation of a model test: a future polled with a fresh {@link RecordingWaker}
 * each time (so each poll re-registers, as a task woken spuriously does), which may be left
 * pending across operations and is settled at quiescence.
 *
 * <pre>{@code
 * PendingOperation<Boolean> op = new PendingOperation<>(ledger, "acquire#1", sem.acquire(1));
 * if (op.poll().isPending()) parked.add(op);       // later: op.settle() in the validation
 * }</pre>
 *
 * @param <T> the future's output
 */
public final class PendingOperation<T> {
    private final WakeLedger ledger;
    private final String name;
    private final Awaitable<T> future;
    private final List<RecordingWaker> wakers = new ArrayList<>();

    /**
     * @param ledger the model's ledger
     * @param name for messages
     * @param future the future, not polled yet
     */
    public PendingOperation(WakeLedger ledger, String name, Awaitable<T> future) {
        this.ledger = ledger;
        this.name = name;
        this.future = future;
    }

    /** @return the result of one poll with a new waker */
    public Poll<T> poll() {
        RecordingWaker w = ledger.waker(name + "/poll" + (wakers.size() + 1));
        wakers.add(w);
        return future.poll(w);
    }

    /**
     * Polls once, and once more with a newer waker if the first was pending: the second
     * registration must replace the first.
     *
     * @return the last poll's result
     */
    public Poll<T> pollTwice() {
        Poll<T> p = poll();
        return p.isPending() ? poll() : p;
    }

    /**
     * At quiescence: polls once more with a waker nobody
     * checks; if the operation is now satisfied, its newest waker must have been called during the
     * run. A failure of the future itself (a closed channel) counts as satisfied.
     *
     * @return the final poll, or null if the future completed by failing
     */
    public Poll<T> settle() {
        Poll<T> p;
        try {
            p = future.poll(ledger.waker(name + "/settle"));
        } catch (RuntimeException failed) {
            ledger.requireWoken(newest());
            return null;
        }
        if (p.isReady()) {
            ledger.requireWoken(newest());
        }
        return p;
    }

    /** Abandons the future and retires every waker it was given: none may be woken by a later operation. */
    public void cancel() {
        future.abandon();
        for (RecordingWaker w : wakers) {
            w.retire();
        }
    }

    private RecordingWaker newest() {
        return wakers.get(wakers.size() - 1);
    }

    @Override
    public String toString() {
        return name + wakers;
    }
}
