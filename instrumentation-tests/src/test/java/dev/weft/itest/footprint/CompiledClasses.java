package dev.weft.itest.footprint;

import dev.weft.itest.harness.InMemoryCompiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Sources compiled in memory and written as class files under a directory, for a URLClassLoader. */
final class CompiledClasses {
    private CompiledClasses() {
    }

    /**
     * @param dir where to write the class files
     * @param sources binary name to source
     * @param keep which of the compiled classes to write (the others are absent at run time)
     */
    static void write(Path dir, Map<String, String> sources, java.util.function.Predicate<String> keep) {
        for (Map.Entry<String, byte[]> e : new InMemoryCompiler("17").compile(sources).entrySet()) {
            if (!keep.test(e.getKey())) {
                continue;
            }
            Path file = dir.resolve(e.getKey().replace('.', '/') + ".class");
            try {
                Files.createDirectories(file.getParent());
                Files.write(file, e.getValue());
            } catch (IOException x) {
                throw new UncheckedIOException(x);
            }
        }
    }
}
