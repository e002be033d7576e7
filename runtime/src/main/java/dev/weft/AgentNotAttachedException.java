package dev.weft;

/**
 * Thrown when a coroutine is run but the Weft agent is not attached to the JVM, so no
 * {@code @Suspendable} method was rewritten and nothing could suspend.
 *
 * <pre>{@code
 * Coroutine.blockOn(() -> 1);   // without -javaagent: throws this, saying how to attach the agent
 * }</pre>
 */
public final class AgentNotAttachedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    AgentNotAttachedException() {
        super("the Weft agent is not attached, so @Suspendable methods were not rewritten and a "
                + "coroutine cannot run. Start the JVM with -javaagent:/path/to/weft-agent.jar "
                + "(for example: java -javaagent:agent/target/weft-agent-0.1.0-SNAPSHOT.jar -cp app.jar Main)");
    }
}
