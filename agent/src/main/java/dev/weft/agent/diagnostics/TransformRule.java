package dev.weft.agent.diagnostics;

/** The rules a suspendable method must follow; each refusal names one. */
public enum TransformRule {
    /** A monitor belongs to a thread and cannot move with a suspended coroutine. */
    SUSPENSION_IN_SYNCHRONIZED("a suspension point cannot be inside a synchronized block or method,"
            + " because a monitor cannot move to another thread; use dev.weft.sync.Mutex or move the await out of the block"),
    /** Constructors and static initializers cannot be re-entered. */
    SUSPENDABLE_CONSTRUCTOR("constructors and static initializers cannot be @Suspendable,"
            + " because an object under construction cannot be re-entered; use a suspendable factory method"),
    /** A class-file version the agent was not built for. */
    UNSUPPORTED_CLASS_VERSION("the class-file version is not supported by this agent (class files of Java 8 to 25 are)"),
    /** Bytecode the transformation does not understand (not emitted by javac). */
    UNSUPPORTED_SHAPE("the bytecode shape around a suspension point is not supported"),
    /** The rewritten method exceeds the JVM's 64 KiB limit on a method's code. */
    METHOD_TOO_LARGE("the method is too large after rewriting (each suspension point adds save and restore code);"
            + " split it into smaller @Suspendable methods"),
    /** The agent failed on this method; the rest of the class is rewritten. */
    INTERNAL_ERROR("the agent failed while rewriting this method; the method is refused so it cannot run half-rewritten."
            + " This is a bug in Weft: please report it with the class file");

    private final String explanation;

    TransformRule(String explanation) {
        this.explanation = explanation;
    }

    /** @return why the rule exists and what to do instead */
    public String explanation() {
        return explanation;
    }
}
