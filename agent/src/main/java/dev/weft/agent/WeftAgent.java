package dev.weft.agent;

import dev.weft.agent.install.ClassFilter;
import dev.weft.agent.install.WeftTransformer;
import java.util.ArrayList;
import java.util.List;
import java.lang.instrument.Instrumentation;

/**
 * The agent's entry points. {@code premain} runs before {@code main} when the JVM starts with
 * {@code -javaagent:weft-agent.jar[=options]}; {@code agentmain} when attached later. Both parse
 * the options (a bad one stops start-up with a message listing the valid ones), tell the runtime
 * the agent is present, and register the transformer.
 */
public final class WeftAgent {
    /** System property read by the runtime to know the agent is attached. */
    static final String ATTACHED_PROPERTY = "weft.agent.attached";
    /** System property read by the runtime for the {@code verify} option. */
    static final String VERIFY_PROPERTY = "weft.verify";

    private static volatile Instrumentation instrumentation;

    private WeftAgent() {
        throw new UnsupportedOperationException("entry point only");
    }

    /**
     * @param args the agent options
     * @param inst the instrumentation
     */
    public static void premain(String args, Instrumentation inst) {
        install(args, inst);
    }

    /**
     * @param args the agent options
     * @param inst the instrumentation
     */
    public static void agentmain(String args, Instrumentation inst) {
        install(args, inst);
        retransformLoaded(inst);
    }

    /**
     * Classes loaded before a late attach are retransformed so their suspendable methods are
     * rewritten too; retransformation cannot add methods, so their method references to
     * suspendable methods keep pinning (see ARCHITECTURE.md).
     */
    private static void retransformLoaded(Instrumentation inst) {
        ClassFilter filter = new ClassFilter(List.of(), List.of());
        List<Class<?>> candidates = new ArrayList<>();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if (!c.isArray() && !c.isPrimitive() && !c.isHidden() && inst.isModifiableClass(c)
                    && filter.accepts(c.getName().replace('.', '/'))) {
                candidates.add(c);
            }
        }
        for (Class<?> c : candidates) {
            try {
                inst.retransformClasses(c);
            } catch (Throwable t) {
                System.getLogger("dev.weft.agent").log(System.Logger.Level.WARNING,
                        "Weft could not retransform " + c.getName() + ": " + t);
            }
        }
    }

    private static synchronized void install(String args, Instrumentation inst) {
        if (instrumentation != null) {
            return;
        }
        AgentOptions options = AgentOptions.parse(args);
        instrumentation = inst;
        if (options.verify()) {
            System.setProperty(VERIFY_PROPERTY, "true");
        }
        inst.addTransformer(new WeftTransformer(options), inst.isRetransformClassesSupported());
        System.setProperty(ATTACHED_PROPERTY, "true");
    }
}
