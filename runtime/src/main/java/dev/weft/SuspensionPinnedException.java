package dev.weft;

/**
 * Thrown, when the agent runs with its {@code verify} option, by an await that cannot suspend
 * because a frame that is not rewritten (a JDK {@code forEach} with a plain lambda, reflection,
 * a class excluded from instrumentation) stands between it and the coroutine's root. Without
 * {@code verify} such an await blocks its thread and logs a warning instead. The stack trace of
 * this exception shows the offending frames.
 *
 * <pre>{@code
 * // java -javaagent:weft-agent.jar=verify ...
 * list.forEach(x -> Time.sleep(Duration.ofMillis(1)));   // a plain lambda: throws this inside a coroutine
 * }</pre>
 */
public final class SuspensionPinnedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param culprit which frame kept the coroutine from unwinding
     */
    public SuspensionPinnedException(String culprit) {
        super("cannot suspend: " + culprit + " (agent option 'verify' makes this an error; see the stack trace"
                + " for the frames between the await and the coroutine root)");
    }
}
