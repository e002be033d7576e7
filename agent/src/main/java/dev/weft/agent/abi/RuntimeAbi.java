package dev.weft.agent.abi;

import dev.weft.coroutine.abi.AbiNames;
import dev.weft.coroutine.abi.Continuation;

/**
 * Owner, name and descriptor of every runtime member that generated code refers to, as the agent
 * sees them. Each value is a compile-time constant of the runtime's
 * {@link dev.weft.coroutine.abi.AbiNames} (or {@link Continuation}), which the agent compiles
 * against ({@code provided}: {@code javac} inlines the constants, so the agent jar neither ships
 * nor loads the runtime). The agent and the runtime compare {@link #VERSION} at start-up.
 */
public final class RuntimeAbi {
    private RuntimeAbi() {
    }

    /** The ABI version this agent was compiled against. */
    public static final int VERSION = AbiNames.VERSION;

    /** {@code @dev.weft.Suspendable}. */
    public static final String SUSPENDABLE_DESC = AbiNames.SUSPENDABLE_DESC;
    /** The class whose {@code await} methods are the leaves of every suspension. */
    public static final String ASYNC = AbiNames.ASYNC;
    /** Name of the leaf methods in {@link #ASYNC}. */
    public static final String AWAIT = AbiNames.AWAIT;
    /** The class whose {@code yieldNow()} is a leaf as well. */
    public static final String TASK = AbiNames.TASK;
    /** Name of the leaf method in {@link #TASK}. */
    public static final String YIELD_NOW = AbiNames.YIELD_NOW;
    /** Descriptor of {@link #YIELD_NOW}. */
    public static final String YIELD_NOW_DESC = AbiNames.YIELD_NOW_DESC;

    /**
     * Whether a call is to a leaf: a suspension point the runtime implements by hand (it calls
     * {@code awaitLeaf} itself and is never rewritten), {@code Async.await} or {@code Task.yieldNow()}.
     *
     * @param owner the call's owner, internal name
     * @param name the method name
     * @param desc the method descriptor
     * @return true for a leaf
     */
    public static boolean isLeaf(String owner, String name, String desc) {
        return owner.equals(ASYNC) ? name.equals(AWAIT)
                : owner.equals(TASK) && name.equals(YIELD_NOW) && desc.equals(YIELD_NOW_DESC);
    }

    /** The per-coroutine state generated code talks to. */
    public static final String CONTINUATION = AbiNames.CONTINUATION;
    /** Descriptor of {@link #CONTINUATION}. */
    public static final String CONTINUATION_DESC = "L" + CONTINUATION + ";";
    /** Class-level marker of a rewritten class. */
    public static final String INSTRUMENTED_DESC = "L" + AbiNames.INSTRUMENTED + ";";
    /** Package whose classes are written by hand against the protocol and never rewritten. */
    public static final String ABI_PACKAGE = AbiNames.ABI_PACKAGE;
    /** The runtime class that carries the ABI version the runtime speaks. */
    public static final String ABI_NAMES = ABI_PACKAGE + "AbiNames";

    /** {@code static Continuation current()}. */
    public static final String CURRENT = AbiNames.CURRENT;
    /** Descriptor of {@link #CURRENT}. */
    public static final String CURRENT_DESC = "()" + CONTINUATION_DESC;
    /** {@code int enter(Object token)}. */
    public static final String ENTER = AbiNames.ENTER;
    /** Descriptor of {@link #ENTER}. */
    public static final String ENTER_DESC = AbiNames.ENTER_DESC;
    /** Descriptor of {@code int enter(Object token, Object self)}, the entry of rewritten instance methods. */
    public static final String ENTER_SELF_DESC = AbiNames.ENTER_SELF_DESC;
    /** {@code void disarm()}: the entry of a suspendable method without a suspension point. */
    public static final String DISARM = AbiNames.DISARM;
    /** {@code Object armedSelf} field: the receiver an instance call was armed for. */
    public static final String ARMED_SELF = AbiNames.ARMED_SELF;
    /** {@code void unpin()}. */
    public static final String UNPIN = AbiNames.UNPIN;
    /** {@code static IllegalStateException corrupted(String)}. */
    public static final String CORRUPTED = AbiNames.CORRUPTED;
    /** Descriptor of {@link #CORRUPTED}. */
    public static final String CORRUPTED_DESC = AbiNames.CORRUPTED_DESC;
    /** {@code boolean suspending} field. */
    public static final String SUSPENDING = AbiNames.SUSPENDING;
    /** {@code Object armed} field. */
    public static final String ARMED = AbiNames.ARMED;
    /** {@code void pushLabel(int label, String site)} and {@code int popLabel()}. */
    public static final String PUSH_LABEL = AbiNames.PUSH_LABEL;
    /** Descriptor of {@link #PUSH_LABEL}; the site is {@code class|method|file|line}. */
    public static final String PUSH_LABEL_DESC = AbiNames.PUSH_LABEL_DESC;
    /** See {@link #PUSH_LABEL}. */
    public static final String POP_LABEL = AbiNames.POP_LABEL;

    /** Values {@code enter} returns. */
    public static final int RUN = Continuation.RUN;
    /** See {@link #RUN}. */
    public static final int RESUME = Continuation.RESUME;
    /** See {@link #RUN}. */
    public static final int PINNED = Continuation.PINNED;

    /** System property the agent sets to tell the runtime it is attached. */
    public static final String ATTACHED_PROPERTY = AbiNames.ATTACHED_PROPERTY;
    /** System property the agent sets to {@link #VERSION}. */
    public static final String AGENT_ABI_PROPERTY = AbiNames.AGENT_ABI_PROPERTY;
    /** System property the agent sets for its {@code verify} option. */
    public static final String VERIFY_PROPERTY = AbiNames.VERIFY_PROPERTY;
    /** System property the agent reads its options from when {@code -javaagent} gives none. */
    public static final String AGENT_OPTIONS_PROPERTY = AbiNames.AGENT_OPTIONS_PROPERTY;

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
