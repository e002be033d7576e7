package dev.weft.agent.install;

import dev.weft.agent.AgentOptions;
import dev.weft.agent.classify.SuspendableIndex;
import dev.weft.agent.diagnostics.TransformException;
import dev.weft.agent.transform.CoroutineClassTransformer;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.instrument.ClassFileTransformer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.ProtectionDomain;

/**
 * The class-file transformer: filters by name, guards against re-entry (resolving types may load
 * classes on the same thread), rewrites through {@link CoroutineClassTransformer}, logs, and
 * dumps. A failure never escapes: the JVM would silently load the original class, so it is
 * logged with the class name instead.
 */
public final class WeftTransformer implements ClassFileTransformer {
    private static final System.Logger LOG = System.getLogger("dev.weft.agent");

    private final AgentOptions options;
    private final ClassFilter filter;
    private final LoaderTypes types = new LoaderTypes();
    private final ThreadLocal<Boolean> busy = new ThreadLocal<>();

    /** @param options the parsed agent options */
    public WeftTransformer(AgentOptions options) {
        this.options = options;
        this.filter = new ClassFilter(options.includes(), options.excludes());
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (!filter.accepts(className) || busy.get() != null) {
            return null;
        }
        busy.set(Boolean.TRUE);
        try {
            SuspendableIndex index = types.forDefinition(loader, className.replace('/', '.'), classfileBuffer);
            CoroutineClassTransformer.Result r = CoroutineClassTransformer.transform(classfileBuffer, index, classBeingRedefined == null);
            if (r == null) {
                return null;
            }
            for (TransformException refusal : r.refusals()) {
                LOG.log(Level.ERROR, refusal.getMessage());
            }
            if (options.debug()) {
                for (String m : r.methods()) {
                    LOG.log(Level.INFO, "Weft rewrote " + className.replace('/', '.') + "." + m);
                }
            }
            if (options.dumpDir() != null) {
                dump(className, r.bytes());
            }
            return r.bytes();
        } catch (Throwable t) {
            LOG.log(Level.ERROR, "Weft could not rewrite " + className.replace('/', '.') + "; it runs unmodified, so its"
                    + " @Suspendable methods will block instead of suspending", t);
            return null;
        } finally {
            busy.remove();
        }
    }

    private void dump(String className, byte[] bytes) {
        Path file = options.dumpDir().resolve(className + ".class");
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Weft could not dump " + file + ": " + e);
        }
    }
}
