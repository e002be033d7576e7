package dev.weft.agent.install;

import java.lang.System.Logger.Level;
import java.util.function.Supplier;

/**
 * The agent's {@link System.Logger}, obtained on first use: looking it up initializes the JDK's
 * logging back end, which an application that never hears from the agent should not pay for at
 * start-up.
 */
public final class AgentLog {
    private AgentLog() {
    }

    /** Set once {@link Holder} has looked the logger up. */
    private static volatile boolean inUse;

    private static final class Holder {
        static final System.Logger LOG = System.getLogger("dev.weft.agent");

        static {
            inUse = true;
        }
    }

    /**
     * @param level the level
     * @param message the message
     */
    public static void log(Level level, String message) {
        Holder.LOG.log(level, message);
    }

    /**
     * @param level the level
     * @param message the message
     * @param cause the cause, logged with its stack trace
     */
    public static void log(Level level, String message, Throwable cause) {
        Holder.LOG.log(level, message, cause);
    }

    /** @param message built only if debug logging is on */
    static void debug(Supplier<String> message) {
        Holder.LOG.log(Level.DEBUG, message);
    }

    /**
     * Whether the agent's logger is in use: something was logged before, at any level. A debug
     * line that is not worth starting the logging back end for is said only then: the first
     * lookup of a {@link System.Logger} initializes the JDK's logging (its service lookup,
     * {@code LogManager}, about 150 classes; some 50 ms of a class-loading burst), which the screen
     * would otherwise pay for the first absent optional dependency of any library. Callers test
     * this before building the message's lambda, whose first link costs too.
     *
     * @return true once the logger has been looked up
     */
    static boolean inUse() {
        return inUse;
    }
}
