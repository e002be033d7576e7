package dev.weft.testing;

import dev.weft.future.Waker;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A waker that counts its calls and, once {@link #retire() retired} (its operation was cancelled
 * and gave back what it held), reports to its {@link WakeLedger} any call made by an operation
 * that began after the retirement.
 */
public final class RecordingWaker implements Waker {
    private final WakeLedger ledger;
    private final String name;
    private final AtomicInteger wakes = new AtomicInteger();
    /** clock value at retirement; 0 while the operation is live */
    private volatile long retiredAt;

    RecordingWaker(WakeLedger ledger, String name) {
        this.ledger = ledger;
        this.name = name;
    }

    @Override
    public void wake() {
        wakes.incrementAndGet();
        long retired = retiredAt;
        if (retired != 0 && ledger.currentOperation() > retired) {
            ledger.violation(name + " was woken by an operation that began after it was cancelled");
        }
    }

    /** Marks the waiting operation as cancelled and given back: from now on no new wake may come. */
    public void retire() {
        retiredAt = ledger.now();
    }

    /** @return how many times this waker was called */
    public int wakes() {
        return wakes.get();
    }

    @Override
    public String toString() {
        return name + "(woken " + wakes.get() + "x)";
    }
}
