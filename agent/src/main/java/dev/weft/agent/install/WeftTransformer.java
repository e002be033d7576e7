package dev.weft.agent.install;

import dev.weft.agent.diagnostics.TransformException;
import dev.weft.agent.transform.CoroutineClassTransformer;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.instrument.ClassFileTransformer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.ProtectionDomain;

/**
 * The class-file transformer: filters by name, checks the ABI version of each runtime it sees
 * defined, screens out classes with nothing suspendable ({@link ClassScreen}, which may load a
 * class's supertypes first and so re-enter this transformer), rewrites the rest through
 * {@link CoroutineClassTransformer} with a guard against re-entry (a class loaded while a class
 * is analysed on the same thread is left as it is), logs, and dumps. A failure never escapes: the JVM would
 * silently load the original class, so it is logged with the class name instead.
 */
public final class WeftTransformer implements ClassFileTransformer {
    private final AgentOptions options;
    private final ClassFilter filter;
    private final ClassScreen screen = new ClassScreen();
    /** Created with the first class that needs the full analysis; until then no Byte Buddy class is loaded. */
    private volatile LoaderTypes types;
    private final AbiCheck abi = new AbiCheck();
    private final ThreadLocal<Boolean> busy = new ThreadLocal<>();

    /** @param options the parsed agent options */
    public WeftTransformer(AgentOptions options) {
        this.options = options;
        this.filter = new ClassFilter(options.includes(), options.excludes());
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (className != null) {
            screen.defining(className);
        }
        if (className != null && abi.isVersionCarrier(className)) {
            abi.check(classfileBuffer, protectionDomain);
            return null;
        }
        if (abi.mismatched() || !filter.accepts(className) || busy.get() != null || !screen.mayRewrite(loader)) {
            return null;
        }
        try {
            ClassHeader header = ClassHeader.read(classfileBuffer);
            if (header == null || !screen.needsAnalysis(loader, header)) {
                return null;
            }
        } catch (Throwable t) {
            AgentLog.log(Level.ERROR, "Weft could not screen " + className.replace('/', '.') + "; it runs unmodified", t);
            return null;
        }
        busy.set(Boolean.TRUE);
        try {
            return rewrite(loader, className, classBeingRedefined, classfileBuffer);
        } catch (Throwable t) {
            AgentLog.log(Level.ERROR, "Weft could not rewrite " + className.replace('/', '.') + "; it runs unmodified, so its"
                    + " @Suspendable methods will block instead of suspending", t);
            return null;
        } finally {
            busy.remove();
        }
    }

    private byte[] rewrite(ClassLoader loader, String className, Class<?> classBeingRedefined, byte[] classfileBuffer) {
        CoroutineClassTransformer.Result r = types().withDefinition(loader, className.replace('/', '.'), classfileBuffer,
                index -> CoroutineClassTransformer.transform(classfileBuffer, index, classBeingRedefined == null));
        if (r == null) {
            return null;
        }
        for (TransformException refusal : r.refusals()) {
            AgentLog.log(Level.ERROR, refusal.getMessage());
        }
        if (options.debug()) {
            for (String m : r.methods()) {
                AgentLog.log(Level.INFO, "Weft rewrote " + className.replace('/', '.') + "." + m);
            }
        }
        if (options.dumpDir() != null) {
            dump(className, r.bytes());
        }
        return r.bytes();
    }

    private LoaderTypes types() {
        LoaderTypes t = types;
        if (t == null) {
            synchronized (this) {
                t = types;
                if (t == null) {
                    t = new LoaderTypes(screen);
                    types = t;
                }
            }
        }
        return t;
    }

    private void dump(String className, byte[] bytes) {
        Path file = options.dumpDir().resolve(className + ".class");
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            AgentLog.log(Level.WARNING, "Weft could not dump " + file + ": " + e);
        }
    }
}
