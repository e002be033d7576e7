package dev.weft.testing;

import dev.weft.future.Waker;
import java.util.concurrent.atomic.AtomicInteger;

/** A waker for hand-polled unit tests: counts its calls, from any thread. */
public final class CountingWaker implements Waker {
    /** the number of calls so far */
    public final AtomicInteger wakes = new AtomicInteger();

    @Override
    public void wake() {
        wakes.incrementAndGet();
    }
}
