package dev.weft.agent.offline;

import dev.weft.agent.classify.SuspendableIndex;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * The types a build sees: class directories and jars in class-path order, then the JDK's own
 * classes (the platform loader, which delegates to the boot loader). Serves the
 * {@link SuspendableIndex} that resolves supertypes and callees while classes are rewritten
 * outside a running application. Holds open jar files until {@link #close()}.
 */
public final class ClassPathTypes implements Closeable {
    private final ClassFileLocator locator;
    private final SuspendableIndex index;

    /**
     * @param entries class directories and jar files; entries that do not exist are skipped
     *                (a build's class path names output folders that may not be created yet)
     * @throws UncheckedIOException if a jar cannot be opened
     */
    public ClassPathTypes(List<Path> entries) {
        List<ClassFileLocator> locators = new ArrayList<>();
        try {
            for (Path entry : entries) {
                if (Files.isDirectory(entry)) {
                    locators.add(new ClassFileLocator.ForFolder(entry.toFile()));
                } else if (Files.isRegularFile(entry)) {
                    locators.add(ClassFileLocator.ForJarFile.of(entry.toFile()));
                }
            }
        } catch (IOException e) {
            closeAll(locators);
            throw new UncheckedIOException("Weft cannot open class-path entry: " + e.getMessage(), e);
        }
        locators.add(ClassFileLocator.ForClassLoader.ofPlatformLoader());
        this.locator = new ClassFileLocator.Compound(locators);
        this.index = new SuspendableIndex(new TypePool.Default(new TypePool.CacheProvider.Simple(), locator,
                TypePool.Default.ReaderMode.FAST));
    }

    /** @return the index over these types */
    public SuspendableIndex index() {
        return index;
    }

    @Override
    public void close() throws IOException {
        locator.close();
    }

    private static void closeAll(List<ClassFileLocator> locators) {
        for (ClassFileLocator l : locators) {
            try {
                l.close();
            } catch (IOException ignored) {
                // already failing; the first error is the one reported
            }
        }
    }
}
