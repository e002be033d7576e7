package dev.weft.agent.install;

import dev.weft.agent.classify.SuspendableIndex;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * One {@link SuspendableIndex} per class loader, over a Byte Buddy {@link TypePool}, created the
 * first time a class of that loader needs the full analysis. The pool finds a class file, in
 * order: the class being defined on this thread (its bytes are referenced only while it is
 * transformed); the loader's resources; else, for a class defined from memory that has no
 * resource, a stub with the access flags and supertypes {@link ClassScreen} remembered, which is
 * all frame computation asks of such a class (a class that carries something suspendable always
 * went through the full analysis itself and is described already).
 *
 * <p>Nothing here keeps a loader reachable: the map's keys are weak, and the values reach the
 * loader only through a {@link WeakReference}; the pool caches descriptions, not bytes.
 */
final class LoaderTypes {
    private static final Object BOOT = new Object();

    /** The class file being transformed on this thread, and its name. */
    private record Definition(String binaryName, byte[] bytes) {
    }

    private static final ThreadLocal<Definition> DEFINING = new ThreadLocal<>();

    private final ClassScreen screen;
    private final Map<Object, SuspendableIndex> indexes = new WeakHashMap<>();

    /** @param screen the facts of screened classes, for stubs */
    LoaderTypes(ClassScreen screen) {
        this.screen = screen;
    }

    /**
     * Runs {@code body} with the class being defined visible to its loader's index.
     *
     * @param loader the defining loader (null: bootstrap)
     * @param binaryName the class's binary name
     * @param bytes its class file
     * @param body what to do with the loader's index
     * @param <T> the result type
     * @return the body's result
     */
    <T> T withDefinition(ClassLoader loader, String binaryName, byte[] bytes, java.util.function.Function<SuspendableIndex, T> body) {
        SuspendableIndex index;
        synchronized (indexes) {
            index = indexes.computeIfAbsent(loader == null ? BOOT : loader, k -> newIndex(loader));
        }
        DEFINING.set(new Definition(binaryName, bytes));
        try {
            return body.apply(index);
        } finally {
            DEFINING.remove();
        }
    }

    private SuspendableIndex newIndex(ClassLoader loader) {
        ClassFileLocator locator = loader == null ? ClassFileLocator.ForClassLoader.ofBootLoader() : new WeakLoaderLocator(loader, screen);
        TypePool pool = new TypePool.Default(new TypePool.CacheProvider.Simple(), locator, TypePool.Default.ReaderMode.FAST);
        return new SuspendableIndex(pool);
    }

    /** Finds class files through a loader it does not keep alive. */
    private static final class WeakLoaderLocator implements ClassFileLocator {
        private final WeakReference<ClassLoader> loader;
        private final ClassScreen screen;

        WeakLoaderLocator(ClassLoader loader, ClassScreen screen) {
            this.loader = new WeakReference<>(loader);
            this.screen = screen;
        }

        @Override
        public Resolution locate(String binaryName) throws IOException {
            Definition d = DEFINING.get();
            if (d != null && d.binaryName().equals(binaryName)) {
                return new Resolution.Explicit(d.bytes());
            }
            ClassLoader l = loader.get();
            if (l == null) {
                return new Resolution.Illegal(binaryName);
            }
            String internalName = binaryName.replace('.', '/');
            try (InputStream in = l.getResourceAsStream(internalName + ".class")) {
                if (in != null) {
                    return new Resolution.Explicit(in.readAllBytes());
                }
            }
            for (ClassLoader k = l; ; k = k.getParent()) {
                TypeFacts f = screen.known(k, internalName);
                if (f != null && f != TypeFacts.UNKNOWN) {
                    return new Resolution.Explicit(stub(internalName, f));
                }
                if (k == null) {
                    return new Resolution.Illegal(binaryName);
                }
            }
        }

        @Override
        public void close() {
        }
    }

    /** A class file with no members: the name, access flags and supertypes of a screened class. */
    private static byte[] stub(String internalName, TypeFacts f) {
        ClassWriter w = new ClassWriter(0);
        w.visit(Opcodes.V1_8, f.access(), internalName, null, f.superName(), f.interfaces().toArray(new String[0]));
        w.visitEnd();
        return w.toByteArray();
    }
}
