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
    UNSUPPORTED_SHAPE("the bytecode shape around a suspension point is not supported");

    private final String explanation;

    TransformRule(String explanation) {
        this.explanation = explanation;
    }

    /** @return why the rule exists and what to do instead */
    public String explanation() {
        return explanation;
    }
}
