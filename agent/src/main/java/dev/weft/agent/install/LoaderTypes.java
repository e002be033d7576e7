package dev.weft.agent.install;

import dev.weft.agent.classify.SuspendableIndex;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * One {@link SuspendableIndex} per class loader, over a Byte Buddy {@link TypePool} that reads
 * class files through the loader's resources, and that also knows the bytes of every class the
 * agent has seen being defined in that loader (classes defined from memory have no resource).
 * Loaders are held weakly.
 */
final class LoaderTypes {
    private static final Object BOOT = new Object();

    /** The per-loader state. */
    private static final class Entry {
        final Map<String, byte[]> seen = new ConcurrentHashMap<>();
        final SuspendableIndex index;

        Entry(ClassLoader loader) {
            ClassFileLocator resources = loader == null
                    ? ClassFileLocator.ForClassLoader.ofBootLoader()
                    : ClassFileLocator.ForClassLoader.of(loader);
            ClassFileLocator seenLocator = new ClassFileLocator() {
                @Override
                public Resolution locate(String name) {
                    byte[] b = seen.get(name);
                    return b == null ? new Resolution.Illegal(name) : new Resolution.Explicit(b);
                }

                @Override
                public void close() {
                }
            };
            TypePool pool = new TypePool.Default(new TypePool.CacheProvider.Simple(),
                    new ClassFileLocator.Compound(seenLocator, resources), TypePool.Default.ReaderMode.FAST);
            index = new SuspendableIndex(pool);
        }
    }

    private final Map<Object, Entry> entries = new WeakHashMap<>();

    /**
     * Records a class about to be defined and returns the index for its loader.
     *
     * @param loader the defining loader (null: bootstrap)
     * @param binaryName the class's binary name
     * @param bytes its class file
     * @return the loader's index
     */
    synchronized SuspendableIndex forDefinition(ClassLoader loader, String binaryName, byte[] bytes) {
        Entry e = entries.computeIfAbsent(loader == null ? BOOT : loader, k -> new Entry(loader));
        e.seen.put(binaryName, bytes);
        return e.index;
    }
}
