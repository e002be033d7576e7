package dev.weft.agent.abi;

/**
 * Owner, name and descriptor of every runtime member that generated code refers to: the single
 * source of truth on the agent's side. The agent does not link against the runtime; a test in
 * instrumentation-tests checks each reference against the runtime's classes.
 */
public final class RuntimeAbi {
    private RuntimeAbi() {
    }

    /** {@code @dev.weft.Suspendable}. */
    public static final String SUSPENDABLE_DESC = "Ldev/weft/Suspendable;";
    /** The class whose {@code await} methods are the leaves of every suspension. */
    public static final String ASYNC = "dev/weft/Async";
    /** Name of the leaf methods in {@link #ASYNC}. */
    public static final String AWAIT = "await";

    /** The per-coroutine state generated code talks to. */
    public static final String CONTINUATION = "dev/weft/coroutine/abi/Continuation";
    /** Descriptor of {@link #CONTINUATION}. */
    public static final String CONTINUATION_DESC = "L" + CONTINUATION + ";";
    /** Class-level marker of a rewritten class. */
    public static final String INSTRUMENTED_DESC = "Ldev/weft/coroutine/abi/Instrumented;";
    /** Package whose classes are written by hand against the protocol and never rewritten. */
    public static final String ABI_PACKAGE = "dev/weft/coroutine/abi/";

    /** {@code static Continuation current()}. */
    public static final String CURRENT = "current";
    /** Descriptor of {@link #CURRENT}. */
    public static final String CURRENT_DESC = "()" + CONTINUATION_DESC;
    /** {@code int enter(Object token)}. */
    public static final String ENTER = "enter";
    /** Descriptor of {@link #ENTER}. */
    public static final String ENTER_DESC = "(Ljava/lang/Object;)I";
    /** Descriptor of {@code int enter(Object token, Object self)}, the entry of rewritten instance methods. */
    public static final String ENTER_SELF_DESC = "(Ljava/lang/Object;Ljava/lang/Object;)I";
    /** {@code void disarm()}: the entry of a suspendable method without a suspension point. */
    public static final String DISARM = "disarm";
    /** {@code Object armedSelf} field: the receiver an instance call was armed for. */
    public static final String ARMED_SELF = "armedSelf";
    /** {@code void unpin()}. */
    public static final String UNPIN = "unpin";
    /** {@code static IllegalStateException corrupted(String)}. */
    public static final String CORRUPTED = "corrupted";
    /** Descriptor of {@link #CORRUPTED}. */
    public static final String CORRUPTED_DESC = "(Ljava/lang/String;)Ljava/lang/IllegalStateException;";
    /** {@code boolean suspending} field. */
    public static final String SUSPENDING = "suspending";
    /** {@code Object armed} field. */
    public static final String ARMED = "armed";
    /** {@code void pushLabel(int label, String site)} and {@code int popLabel()}. */
    public static final String PUSH_LABEL = "pushLabel";
    /** Descriptor of {@link #PUSH_LABEL}; the site is {@code class|method|file|line}. */
    public static final String PUSH_LABEL_DESC = "(ILjava/lang/String;)V";
    /** See {@link #PUSH_LABEL}. */
    public static final String POP_LABEL = "popLabel";

    /** Values {@code enter} returns. */
    public static final int RUN = 0;
    /** See {@link #RUN}. */
    public static final int RESUME = 1;
    /** See {@link #RUN}. */
    public static final int PINNED = 2;

    /**
     * The token a method answers to: its name and descriptor, interned by {@code ldc}.
     *
     * @param name method name
     * @param desc method descriptor
     * @return the token string
     */
    public static String token(String name, String desc) {
        return name + desc;
    }
}
