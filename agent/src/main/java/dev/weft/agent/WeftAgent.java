package dev.weft.agent;

import dev.weft.agent.abi.RuntimeAbi;
import dev.weft.agent.install.AbiCheck;
import dev.weft.agent.install.AgentLog;
import dev.weft.agent.install.AgentOptions;
import dev.weft.agent.install.ClassFilter;
import dev.weft.agent.install.WeftTransformer;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's entry points. {@code premain} runs before {@code main} when the JVM starts with
 * {@code -javaagent:weft-agent.jar[=options]} (or through a {@code Launcher-Agent-Class}
 * manifest entry); {@code agentmain} when attached later. Both read the options (from the
 * argument, else from the {@code weft.agent.options} system property), check them and the
 * runtime's ABI version (a bad option, a {@code dump} directory that cannot be created, or a
 * runtime of another ABI version stops start-up with a message), tell the runtime the agent is
 * present, and register the transformer. Nothing else happens at start-up: type pools and the
 * class-file parsers are created when the first class that names Weft is loaded.
 */
public final class WeftAgent {
    private static volatile Instrumentation instrumentation;
    /** The options the agent was installed with; a second installation with others only warns. */
    private static AgentOptions installed;

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
        if (install(args, inst)) {
            retransformLoaded(inst);
        }
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
                AgentLog.log(Level.WARNING, "Weft could not retransform " + c.getName() + ": " + t);
            }
        }
    }

    /** @return false if the agent was installed already (the second call only compares options) */
    private static synchronized boolean install(String args, Instrumentation inst) {
        AgentOptions options = AgentOptions.parse(optionsText(args));
        if (instrumentation != null) {
            if (!options.equals(installed)) {
                AgentLog.log(Level.WARNING, "The Weft agent is attached twice; it keeps the options it was first attached with ("
                        + installed + ") and ignores the second one's (" + options + ")");
            }
            return false;
        }
        if (options.dumpDir() != null) {
            createDumpDirectory(options.dumpDir());
        }
        AbiCheck.checkSystemClassPath();
        instrumentation = inst;
        installed = options;
        if (options.verify()) {
            System.setProperty(RuntimeAbi.VERIFY_PROPERTY, "true");
        }
        inst.addTransformer(new WeftTransformer(options), inst.isRetransformClassesSupported());
        System.setProperty(RuntimeAbi.AGENT_ABI_PROPERTY, String.valueOf(RuntimeAbi.VERSION));
        System.setProperty(RuntimeAbi.ATTACHED_PROPERTY, "true");
        return true;
    }

    /**
     * The argument of {@code -javaagent} if it has any text, else the system property. When both
     * are given the argument wins, and the property is named in a warning so that the surprise
     * is not silent.
     */
    private static String optionsText(String args) {
        String property = System.getProperty(RuntimeAbi.AGENT_OPTIONS_PROPERTY);
        if (args == null || args.isBlank()) {
            return property;
        }
        if (property != null && !property.isBlank() && !property.equals(args)) {
            AgentLog.log(Level.WARNING, "Weft agent: -D" + RuntimeAbi.AGENT_OPTIONS_PROPERTY + "=" + property
                    + " is ignored because -javaagent gives options (" + args + ")");
        }
        return args;
    }

    /** Fails start-up now rather than warning once per class later. */
    private static void createDumpDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("Weft agent: option 'dump=" + dir + "': the directory cannot be created (" + e + ")", e);
        }
        if (!Files.isWritable(dir)) {
            throw new IllegalArgumentException("Weft agent: option 'dump=" + dir + "': the directory is not writable");
        }
    }
}
