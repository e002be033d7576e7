package dev.weft.internal.coroutine;

import dev.weft.coroutine.abi.AbiNames;
import dev.weft.coroutine.abi.AbiVersion;

/**
 * Whether the Weft agent is attached. The agent sets the system property {@link #PROPERTY} in
 * {@code premain}/{@code agentmain}; the answer is cached once it is true.
 */
public final class AgentPresence {
    /** The system property the agent sets. */
    public static final String PROPERTY = AbiNames.ATTACHED_PROPERTY;

    private static volatile boolean attached;

    private AgentPresence() {
    }

    /**
     * @return true if the agent is attached to this JVM
     * @throws IllegalStateException if the attached agent speaks another ABI version
     */
    public static boolean attached() {
        if (!attached && Boolean.getBoolean(PROPERTY)) {
            AbiVersion.requireAgentMatch(System.getProperty(AbiNames.AGENT_ABI_PROPERTY));
            attached = true;
        }
        return attached;
    }
}
