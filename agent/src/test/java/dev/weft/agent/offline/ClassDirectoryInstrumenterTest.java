package dev.weft.agent.offline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.agent.diagnostics.TransformRule;
import dev.weft.agent.fixtures.Shapes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rewrites a copy of a fixture class directory in place, as the Maven plug-in and the command line do. */
class ClassDirectoryInstrumenterTest {
    @TempDir
    Path dir;

    /** Copies Shapes and its nested classes into {@code dir}; the rest resolves from the test class path. */
    private Path copyFixtures() throws IOException {
        String pkg = Shapes.class.getPackageName().replace('.', '/');
        Path target = dir.resolve(pkg);
        Files.createDirectories(target);
        for (String name : List.of("Shapes", "Shapes$Point")) {
            try (InputStream in = Shapes.class.getClassLoader().getResourceAsStream(pkg + "/" + name + ".class")) {
                Files.write(target.resolve(name + ".class"), in.readAllBytes());
            }
        }
        return target.resolve("Shapes.class");
    }

    private static List<Path> testClassPath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator)).map(Path::of).toList();
    }

    @Test
    void rewritesInPlaceMarksAndReportsRefusalsWithClassMethodLineAndRule() throws IOException {
        Path shapes = copyFixtures();
        byte[] original = Files.readAllBytes(shapes);
        InstrumentationReport r;
        try (ClassPathTypes types = new ClassPathTypes(testClassPath())) {
            r = new ClassDirectoryInstrumenter(types.index()).instrument(dir, true);
        }
        assertEquals(2, r.scanned());
        assertEquals(List.of("dev.weft.agent.fixtures.Shapes"), r.rewritten());
        assertFalse(java.util.Arrays.equals(original, Files.readAllBytes(shapes)), "written back in place");
        assertTrue(r.methods().stream().anyMatch(m -> m.startsWith("dev.weft.agent.fixtures.Shapes.wide(")), r.methods()::toString);
        assertTrue(r.refusals().stream().anyMatch(e -> e.rule() == TransformRule.SUSPENSION_IN_SYNCHRONIZED
                && e.getMessage().matches(".*Shapes\\.inSynchronized\\(\\)I \\(Shapes\\.java:\\d+\\).*")), r.refusals()::toString);
        assertTrue(Files.isRegularFile(dir.resolve(ClassDirectoryInstrumenter.PRESENCE_RESOURCE)));
    }

    @Test
    void aSecondRunChangesNothing() throws IOException {
        Path shapes = copyFixtures();
        try (ClassPathTypes types = new ClassPathTypes(testClassPath())) {
            new ClassDirectoryInstrumenter(types.index()).instrument(dir, false);
        }
        byte[] once = Files.readAllBytes(shapes);
        InstrumentationReport again;
        try (ClassPathTypes types = new ClassPathTypes(testClassPath())) {
            again = new ClassDirectoryInstrumenter(types.index()).instrument(dir, false);
        }
        assertEquals(List.of(), again.rewritten(), "the marker makes rewritten classes final");
        assertArrayEquals(once, Files.readAllBytes(shapes));
        assertFalse(Files.exists(dir.resolve(ClassDirectoryInstrumenter.PRESENCE_RESOURCE)), "not asked for");
    }

    @Test
    void aMissingDirectoryIsNamed() {
        try (ClassPathTypes types = new ClassPathTypes(List.of())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new ClassDirectoryInstrumenter(types.index()).instrument(dir.resolve("absent"), true));
            assertTrue(e.getMessage().contains("absent"), e.getMessage());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
