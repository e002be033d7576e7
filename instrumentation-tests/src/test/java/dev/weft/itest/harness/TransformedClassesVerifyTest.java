package dev.weft.itest.harness;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;

/**
 * Every class the agent rewrote passes ASM's {@link CheckClassAdapter#verify} (a data-flow
 * analysis with type checks, like the JVM verifier's): the agent writes each transformed class to
 * {@code -Dweft.dump.dir} (its {@code dump=} option). Runs last ({@link ClassOrderer.OrderAnnotation},
 * see junit-platform.properties), after the corpus and the generated programs were loaded, and
 * loads every test class first so that the dump holds the corpus even when run alone.
 */
@Order(Integer.MAX_VALUE)
class TransformedClassesVerifyTest {
    /**
     * No analysis budget: ASM's defaults (and even the agent's raised ones, whose counts differ
     * from the analyzer's, which charges each visit of an instruction by its index) fail a
     * rewritten method of a large generated program on the checker's own budget, not on its
     * bytecode. The JVM's verifier, which also checks these classes, has no such limit.
     */
    private static final int MAX_ANALYSIS_BYTES = Integer.MAX_VALUE;
    private static final long MAX_ANALYSIS_OPERATIONS = Long.MAX_VALUE;

    @Test
    void everyTransformedClassVerifies() throws Exception {
        String dir = System.getProperty("weft.dump.dir");
        assertNotNull(dir, "-Dweft.dump.dir is not set (surefire's argLine sets it next to the agent's dump= option)");
        int loaded = loadAllTestClasses();
        assertTrue(loaded > 0, "found no test classes to load");
        Path dump = Path.of(dir);
        assertTrue(Files.isDirectory(dump), "the agent wrote no dump directory at " + dump
                + " (is it attached with dump=" + dump + "?)");
        Map<String, byte[]> dumped = readClasses(dump);
        assertFalse(dumped.isEmpty(), "the agent dumped no class to " + dump + " although " + loaded
                + " test classes with @Suspendable methods were loaded");
        ClassLoader testLoader = TransformedClassesVerifyTest.class.getClassLoader();
        // Classes compiled at test time (generated programs, JDK 21 shapes) are not on the class path:
        // let the verifier's type hierarchy questions find them (transformed where dumped).
        Map<String, byte[]> resolvable = InMemoryClassLoader.allCompiled();
        resolvable.putAll(dumped);
        ClassLoader loader = new InMemoryClassLoader(resolvable, testLoader);
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : dumped.entrySet()) {
            StringWriter sw = new StringWriter();
            try {
                CheckClassAdapter.verify(new ClassReader(e.getValue()), loader, false, new PrintWriter(sw),
                        MAX_ANALYSIS_BYTES, MAX_ANALYSIS_OPERATIONS);
            } catch (RuntimeException | LinkageError ex) {
                sw.append("verify threw ").append(ex.toString());
            }
            if (sw.getBuffer().length() > 0) {
                failures.add(e.getKey() + ":\n" + sw);
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + dumped.size() + " transformed classes fail CheckClassAdapter.verify:\n"
                    + failures.stream().limit(20).collect(Collectors.joining("\n")));
        }
    }

    /** Loads (without initializing) every class under test-classes/dev/weft/itest, so the agent sees it. */
    private static int loadAllTestClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(TransformedClassesVerifyTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        int n = 0;
        try (Stream<Path> files = Files.walk(root.resolve("dev/weft/itest"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".class")).collect(Collectors.toList())) {
                String rel = root.relativize(p).toString();
                String name = rel.substring(0, rel.length() - ".class".length()).replace(p.getFileSystem().getSeparator(), ".");
                Class.forName(name, false, TransformedClassesVerifyTest.class.getClassLoader());
                n++;
            }
        }
        return n;
    }

    /** Every class file under {@code dir}, by the name its bytes declare (not its path). */
    private static Map<String, byte[]> readClasses(Path dir) throws IOException {
        Map<String, byte[]> out = new HashMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(f -> f.toString().endsWith(".class")).forEach(f -> {
                try {
                    byte[] b = Files.readAllBytes(f);
                    String name = new ClassReader(b).getClassName().replace('/', '.');
                    // Byte Buddy proxies made at run time name auxiliary classes that are never
                    // dumped (nothing in them is rewritten), so the offline checker cannot resolve
                    // their types; the JVM verifies these proxies when it loads them (-Xverify:all)
                    if (!name.contains("$ByteBuddy$")) {
                        out.put(name, b);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return out;
    }
}
