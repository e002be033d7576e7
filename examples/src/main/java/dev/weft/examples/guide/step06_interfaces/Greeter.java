package dev.weft.examples.guide.step06_interfaces;

import dev.weft.Suspendable;

/** An "async trait": implementations may await, and a call through the interface suspends. */
@FunctionalInterface
public interface Greeter {
    /**
     * Greets someone, possibly after awaiting something.
     *
     * @param name who
     * @return the greeting
     */
    @Suspendable
    String greet(String name);
}
