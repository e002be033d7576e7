package dev.weft.itest.footprint;

import dev.weft.itest.harness.InMemoryClassLoader;
import dev.weft.itest.harness.InMemoryCompiler;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/** Sources compiled in memory and written as class files under a directory or into a jar, for a URLClassLoader. */
final class CompiledClasses {
    private CompiledClasses() {
    }

    /**
     * @param dir where to write the class files
     * @param sources binary name to source
     * @param keep which of the compiled classes to write (the others are absent at run time)
     */
    static void write(Path dir, Map<String, String> sources, Predicate<String> keep) {
        for (Map.Entry<String, byte[]> e : compile(sources).entrySet()) {
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

    /**
     * @param jar the jar to write (its entries deflated, as a build writes them)
     * @param sources binary name to source
     * @param keep which of the compiled classes to write (the others are absent at run time)
     */
    static void jar(Path jar, Map<String, String> sources, Predicate<String> keep) {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (Map.Entry<String, byte[]> e : compile(sources).entrySet()) {
                if (keep.test(e.getKey())) {
                    out.putNextEntry(new JarEntry(e.getKey().replace('.', '/') + ".class"));
                    out.write(e.getValue());
                    out.closeEntry();
                }
            }
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
    }

    private static Map<String, byte[]> compile(Map<String, String> sources) {
        Map<String, byte[]> compiled = new InMemoryCompiler("17").compile(sources);
        // registers the class files (not a loader) with the harness, so that
        // TransformedClassesVerifyTest can resolve these types when it verifies the agent's dump
        new InMemoryClassLoader(compiled, CompiledClasses.class.getClassLoader());
        return compiled;
    }
}
