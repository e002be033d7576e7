package dev.weft.itest.footprint;

import dev.weft.itest.harness.InMemoryClassLoader;
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
        Map<String, byte[]> compiled = new InMemoryCompiler("17").compile(sources);
        // registers the class files (not a loader) with the harness, so that
        // TransformedClassesVerifyTest can resolve these types when it verifies the agent's dump
        new InMemoryClassLoader(compiled, CompiledClasses.class.getClassLoader());
        for (Map.Entry<String, byte[]> e : compiled.entrySet()) {
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
