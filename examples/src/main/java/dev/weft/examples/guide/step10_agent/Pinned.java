package dev.weft.examples.guide.step10_agent;

import dev.weft.Coroutine;
import dev.weft.Suspendable;
import dev.weft.SuspensionPinnedException;
import dev.weft.time.Time;
import java.time.Duration;
import java.util.List;

/** An await that cannot suspend: a JDK {@code forEach} with a plain lambda sits in the way. */
public final class Pinned {
    private Pinned() {
    }

    @Suspendable @SuppressWarnings("weft-pinning") // pins on purpose: what 'verify' turns into an error
    static int sleepEach(List<Integer> millis) {
        millis.forEach(ms -> Time.sleep(Duration.ofMillis(ms)));   // Consumer is not suspendable
        return millis.size();
    }

    @Suspendable
    static int sleepEachFixed(List<Integer> millis) {
        for (int ms : millis) {                                     // a plain loop: each sleep suspends
            Time.sleep(Duration.ofMillis(ms));
        }
        return millis.size();
    }

    /**
     * Runs the example.
     *
     * @param args unused
     * @throws Exception if it fails
     */
    public static void main(String[] args) throws Exception {
        try {
            System.out.println("forEach with a plain lambda: slept " + Coroutine.blockOn(() -> sleepEach(List.of(1, 2))) + " times");
        } catch (SuspensionPinnedException e) {
            System.out.println("forEach with a plain lambda: SuspensionPinnedException: " + e.getMessage());
        }
        System.out.println("a plain for loop: slept " + Coroutine.blockOn(() -> sleepEachFixed(List.of(1, 2))) + " times");
    }
}
