package dev.weft.examples.guide.step05_threads;

import dev.weft.Suspendable;
import dev.weft.time.Time;
import java.time.Duration;

/** A counter that holds a monitor across an await: the agent refuses {@link #addSlowly}. */
final class SynchronizedCounter {
    private final Object lock = new Object();
    private int count;

    @Suspendable @SuppressWarnings("weft-synchronized") // shows the agent's refusal on purpose
    int addSlowly(int n) {
        synchronized (lock) {
            Time.sleep(Duration.ofMillis(1));   // a suspension point inside synchronized
            count += n;
            return count;
        }
    }
}
