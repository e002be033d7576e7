package dev.weft.internal.io;

/**
 * The reactor that serves sockets used outside any runtime (a plain thread awaiting, which
 * blocks): one per JVM, started on first use and turned for ever by its own daemon thread.
 */
public final class StandaloneReactor {
    private StandaloneReactor() {
    }

    private static final class Holder {
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

    /** @return the standalone reactor, started on first use */
    public static Reactor get() {
        return Holder.REACTOR;
    }
}
