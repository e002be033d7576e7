package dev.weft.coroutine.abi;

/**
 * The runtime's half of the version handshake with the agent. The agent publishes the
 * {@link AbiNames#VERSION} it was compiled against in {@link AbiNames#AGENT_ABI_PROPERTY} before
 * any class is rewritten; the runtime compares it with its own before it runs the first
 * coroutine. A mismatch means generated code may name members this runtime does not have, or
 * with another meaning, so it fails at once with a message instead of corrupting a frame later.
 *
 * <p>Example (what the runtime does when it first sees the agent attached):
 * <pre>{@code
 * AbiVersion.requireAgentMatch(System.getProperty(AbiNames.AGENT_ABI_PROPERTY));
 * }</pre>
 */
public final class AbiVersion {
    private AbiVersion() {
    }

    /**
     * The version this runtime speaks, as a constant of this class's own file: the agent reads it
     * from the class file when this class is defined, without loading anything.
     */
    public static final int VERSION = AbiNames.VERSION;

    /**
     * @param agentVersion the value of {@link AbiNames#AGENT_ABI_PROPERTY}, or null
     * @throws IllegalStateException naming both versions if they differ
     */
    public static void requireAgentMatch(String agentVersion) {
        String message = mismatch(agentVersion);
        if (message != null) {
            throw new IllegalStateException(message);
        }
    }

    /**
     * @param agentVersion the value of {@link AbiNames#AGENT_ABI_PROPERTY}, or null
     * @return null if the agent's version equals this runtime's, else a message naming both
     */
    public static String mismatch(String agentVersion) {
        if (String.valueOf(VERSION).equals(agentVersion)) {
            return null;
        }
        String agent = agentVersion == null ? "an agent that does not report its ABI version (older than version 1)"
                : "ABI version " + agentVersion;
        return "The Weft agent attached to this JVM speaks " + agent + ", but the Weft runtime on the class path speaks"
                + " ABI version " + VERSION + "; classes it rewrote cannot run on this runtime. Use the agent jar"
                + " (-javaagent:weft-agent-<version>.jar) of the same Weft release as the weft-runtime dependency.";
    }
}
