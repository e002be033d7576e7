package dev.weft.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bookkeeping a model test needs to prove wake-ups: it hands out {@link RecordingWaker}s
 * and orders operations by a logical clock, so that at quiescence it can tell
 * <ul>
 *   <li>a lost wake-up: an operation that went pending and was later satisfied, yet its newest
 *       waker was never called ({@link #requireWoken}); and</li>
 *   <li>a wake-up for the dead: a waker called by an operation that began after the waiting
 *       operation was cancelled and gave its claim back ({@link RecordingWaker#retire()}). A wake
 *       already taken before the cancel and delivered after it is allowed (wakers are called
 *       outside the structure's lock), one that starts later is not.</li>
 * </ul>
 *
 * <p>Every operation that may call wakers begins with {@link #begin()}, which stamps the calling
 * thread; a waker reads that stamp when it is called. Lincheck runs each thread's operations one
 * after another, so a thread-local stamp names the operation that is calling.
 */
public final class WakeLedger {
    private final AtomicLong clock = new AtomicLong();
    private final ThreadLocal<long[]> current = ThreadLocal.withInitial(() -> new long[1]);
    private final List<String> violations = new ArrayList<>();

    /** Marks the start of an operation on this thread; wakers it calls are stamped with it. */
    public void begin() {
        current.get()[0] = clock.incrementAndGet();
    }

    long now() {
        return clock.incrementAndGet();
    }

    long currentOperation() {
        return current.get()[0];
    }

    synchronized void violation(String what) {
        violations.add(what);
    }

    /**
     * @param name what the waker belongs to, for messages
     * @return a new waker recorded in this ledger
     */
    public RecordingWaker waker(String name) {
        return new RecordingWaker(this, name);
    }

    /**
     * Fails if the operation whose newest waker is {@code newest} was satisfied without that
     * waker having been called. The validation must settle waiters in an order where its own
     * actions can wake a waiter only by satisfying it (so a wake the run lost is never excused by
     * a later one).
     *
     * @param newest the waker passed to the last poll that returned pending
     */
    public void requireWoken(RecordingWaker newest) {
        if (newest.wakes() == 0) {
            throw new IllegalStateException("lost wake-up: " + newest + " was satisfied but never woken");
        }
    }

    /** Fails if any waker was called for an operation cancelled before the call began. */
    public synchronized void check() {
        if (!violations.isEmpty()) {
            throw new IllegalStateException(String.join("; ", violations));
        }
    }
}
