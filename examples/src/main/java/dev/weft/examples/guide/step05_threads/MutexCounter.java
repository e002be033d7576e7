package dev.weft.examples.guide.step05_threads;

import dev.weft.Suspendable;
import dev.weft.sync.Mutex;
import dev.weft.time.Time;
import java.time.Duration;

/** The fix: an async {@link Mutex}, whose guard may be held across awaits. */
final class MutexCounter {
    private final Mutex<Integer> count = new Mutex<>(0);

    @Suspendable
    int addSlowly(int n) {
        try (Mutex.Guard<Integer> g = count.lock()) {   // suspends while another task holds it
            Time.sleep(Duration.ofMillis(1));
            g.set(g.get() + n);
            return g.get();
        }
    }
}
