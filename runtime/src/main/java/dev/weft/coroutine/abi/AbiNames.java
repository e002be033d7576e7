package dev.weft.coroutine.abi;

/**
 * Every name that agent-generated code, or the agent's conversation with the runtime, depends on:
 * class and member names, descriptors, tokens and system properties. All are compile-time
 * constants, so the agent compiles against this class and {@code javac} copies the values into
 * it; the agent carries no copy of its own that could drift. When the meaning or shape of any of
 * them changes, {@link #VERSION} changes too, and {@link AbiVersion} makes a runtime and an agent
 * built from different versions refuse to run together.
 */
public final class AbiNames {
    private AbiNames() {
    }

    /** Version of this contract; an agent and a runtime run together only if theirs are equal. */
    public static final int VERSION = 2;

    /** Internal name of the package whose classes are written by hand against the protocol. */
    public static final String ABI_PACKAGE = "dev/weft/coroutine/abi/";
    /** Descriptor of {@code @dev.weft.Suspendable}. */
    public static final String SUSPENDABLE_DESC = "Ldev/weft/Suspendable;";
    /** Internal name of the class whose {@code await} methods are the leaves of every suspension. */
    public static final String ASYNC = "dev/weft/Async";
    /** Name of the leaf methods in {@link #ASYNC}. */
    public static final String AWAIT = "await";
    /**
     * Internal name of the class whose {@code yieldNow()} is a leaf too: a suspension point that
     * is not rewritten (so a yield costs the caller's frame only), since ABI version 2.
     */
    public static final String TASK = "dev/weft/Task";
    /** Name of the leaf method in {@link #TASK}. */
    public static final String YIELD_NOW = "yieldNow";
    /** Descriptor of {@link #YIELD_NOW}. */
    public static final String YIELD_NOW_DESC = "()V";

    /** Internal name of {@link Continuation}. */
    public static final String CONTINUATION = ABI_PACKAGE + "Continuation";
    /** Internal name of {@link Instrumented}, the class-level marker of a rewritten class. */
    public static final String INSTRUMENTED = ABI_PACKAGE + "Instrumented";
    /** {@link Continuation#current()}. */
    public static final String CURRENT = "current";
    /** {@link Continuation#enter(Object)}. */
    public static final String ENTER = "enter";
    /** Descriptor of {@link #ENTER}. */
    public static final String ENTER_DESC = "(Ljava/lang/Object;)I";
    /** Descriptor of {@code int enter(Object token, Object self)}, the entry of rewritten instance methods. */
    public static final String ENTER_SELF_DESC = "(Ljava/lang/Object;Ljava/lang/Object;)I";
    /** {@code void disarm()}: the entry of a suspendable method without a suspension point. */
    public static final String DISARM = "disarm";
    /** {@code Object armedSelf} field: the receiver an instance call was armed for. */
    public static final String ARMED_SELF = "armedSelf";
    /** {@link Continuation#unpin()}. */
    public static final String UNPIN = "unpin";
    /** {@code Continuation.corrupted(String)}. */
    public static final String CORRUPTED = "corrupted";
    /** Descriptor of {@link #CORRUPTED}. */
    public static final String CORRUPTED_DESC = "(Ljava/lang/String;)Ljava/lang/IllegalStateException;";
    /** The {@code boolean} field {@link Continuation#suspending}. */
    public static final String SUSPENDING = "suspending";
    /** The {@code Object} field {@link Continuation#armed}: the token of the call about to be made. */
    public static final String ARMED = "armed";
    /** {@code void pushLabel(int label, String site)}. */
    public static final String PUSH_LABEL = "pushLabel";
    /** Descriptor of {@link #PUSH_LABEL}; the site is {@code class|method|file|line}. */
    public static final String PUSH_LABEL_DESC = "(ILjava/lang/String;)V";
    /** {@code int popLabel()}. */
    public static final String POP_LABEL = "popLabel";

    /**
     * Token the root of every coroutine is entered with: the functional method of
     * {@code AsyncCallable}. A method's token is its name followed by its descriptor.
     */
    public static final String ROOT_TOKEN = "call()Ljava/lang/Object;";

    /** System property the agent sets to {@code true} when it is attached. */
    public static final String ATTACHED_PROPERTY = "weft.agent.attached";
    /** System property the agent sets to its {@link #VERSION} when it is attached. */
    public static final String AGENT_ABI_PROPERTY = "weft.agent.abi";
    /** System property the agent sets to {@code true} for its {@code verify} option. */
    public static final String VERIFY_PROPERTY = "weft.verify";
    /**
     * System property the agent reads its options from when {@code -javaagent} gives none (for
     * jars started through a {@code Launcher-Agent-Class} manifest entry).
     */
    public static final String AGENT_OPTIONS_PROPERTY = "weft.agent.options";
}
