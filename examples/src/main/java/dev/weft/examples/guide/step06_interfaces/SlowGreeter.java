package dev.weft.examples.guide.step06_interfaces;

import dev.weft.time.Time;
import java.time.Duration;

/** A class implementing the suspendable interface method: it is suspendable too, no annotation needed. */
final class SlowGreeter implements Greeter {
    private final Duration pause;

    SlowGreeter(Duration pause) {
        this.pause = pause;
    }

    @Override
    public String greet(String name) {
        Time.sleep(pause);
        return "Hello, " + name + " (from a class)";
    }
}
