package dev.weft.internal.coroutine;

import dev.weft.coroutine.abi.AbiNames;
import dev.weft.coroutine.abi.AbiVersion;

/**
 * Whether coroutines can run: the Weft agent is attached (it sets the system property
 * {@link #PROPERTY} in {@code premain}/{@code agentmain}), or the application's classes were
 * rewritten at build time (the Maven plug-in or {@code java -jar weft-agent.jar instrument}
 * leave {@link #BUILD_TIME_RESOURCE} in the class directory they rewrote). The answer is cached
 * once it is true.
 */
public final class AgentPresence {
    /** The system property the agent sets. */
    public static final String PROPERTY = AbiNames.ATTACHED_PROPERTY;
    /** The resource the build-time instrumenter writes next to the classes it rewrote. */
    public static final String BUILD_TIME_RESOURCE = "META-INF/weft/instrumented";

    private static volatile boolean attached;

    private AgentPresence() {
    }

    /**
     * @return true if the agent is attached to this JVM, or the application was rewritten at build time
     * @throws IllegalStateException if the attached agent speaks another ABI version
     */
    public static boolean attached() {
        if (!attached && Boolean.getBoolean(PROPERTY)) {
            AbiVersion.requireAgentMatch(System.getProperty(AbiNames.AGENT_ABI_PROPERTY));
            attached = true;
        } else if (!attached && rewrittenAtBuildTime()) {
            attached = true;
        }
        return attached;
    }

    private static boolean rewrittenAtBuildTime() {
        ClassLoader own = AgentPresence.class.getClassLoader();
        if (own != null && own.getResource(BUILD_TIME_RESOURCE) != null) {
            return true;
        }
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null && context != own && context.getResource(BUILD_TIME_RESOURCE) != null;
    }
}
