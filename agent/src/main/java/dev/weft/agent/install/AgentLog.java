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

    private static final class Holder {
        static final System.Logger LOG = System.getLogger("dev.weft.agent");
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
}
