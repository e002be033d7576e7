package dev.weft.internal.coroutine;

/**
 * Whether the Weft agent is attached. The agent sets the system property {@link #PROPERTY} in
 * {@code premain}/{@code agentmain}; the answer is cached once it is true.
 */
public final class AgentPresence {
    /** The system property the agent sets. */
    public static final String PROPERTY = "weft.agent.attached";

    private static volatile boolean attached;

    private AgentPresence() {
    }

    /** @return true if the agent is attached to this JVM */
    public static boolean attached() {
        if (!attached) {
            attached = Boolean.getBoolean(PROPERTY);
        }
        return attached;
    }
}
