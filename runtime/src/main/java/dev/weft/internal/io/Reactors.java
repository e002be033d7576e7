package dev.weft.internal.io;

import java.util.function.Supplier;

/**
 * Finds the reactor for the calling thread: the one of the runtime the thread runs in, or a
 * shared reactor turned by its own daemon thread outside any runtime. The runtime installs its
 * lookup at start.
 */
public final class Reactors {
    private static volatile Supplier<Reactor> runtimeLookup = () -> null;

    private static final class Standalone {
        static final Reactor REACTOR = start();

        private static Reactor start() {
            Reactor r = new Reactor();
            Thread t = new Thread(() -> {
                while (true) {
                    r.turn(-1);
                }
            }, "weft-standalone-reactor");
            t.setDaemon(true);
            t.start();
            return r;
        }
    }

    private Reactors() {
    }

    /**
     * Sets how the runtime answers "which reactor serves the calling thread" (null if none).
     *
     * @param lookup the lookup
     */
    public static void install(Supplier<Reactor> lookup) {
        runtimeLookup = lookup;
    }

    /** @return the reactor serving the calling thread */
    public static Reactor current() {
        Reactor r = runtimeLookup.get();
        return r != null ? r : Standalone.REACTOR;
    }
}
