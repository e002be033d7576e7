package dev.weft.itest.footprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.coroutine.abi.Instrumented;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The screen reads a subclass's supertype before the JVM has loaded it, and reads it as the
 * subclass's loader would resolve it: a supertype that a parent loader shadows is the parent's,
 * and one whose class file is long (its header is read from the jar entry's stream, not the whole
 * entry) is read right. Each subclass names nothing of Weft: only its supertype says that its
 * override is suspendable.
 */
class SupertypeResolutionTest {
    private static final String SUB = """
            package fp.res;
            public class Sub extends Base {
                @Override public String fetch() {
                    return "sub";
                }
            }
            """;
    private static final String SUSPENDABLE_BASE = """
            package fp.res;
            public class Base {
                @dev.weft.Suspendable public String fetch() {
                    return "base";
                }
            }
            """;
    private static final String PLAIN_BASE = """
            package fp.res;
            public class Base {
                public String fetch() {
                    return "plain";
                }
            }
            """;

    @Test
    void aSupertypeShadowedByTheParentIsTheParents(@TempDir Path parentDir, @TempDir Path childDir) throws Exception {
        CompiledClasses.write(parentDir, Map.of("fp.res.Base", SUSPENDABLE_BASE), n -> true);
        CompiledClasses.jar(childDir.resolve("child.jar"), Map.of("fp.res.Base", PLAIN_BASE, "fp.res.Sub", SUB), n -> true);
        assertTrue(rewritten(parentDir, childDir.resolve("child.jar")), "Sub overrides the parent's @Suspendable Base.fetch");
    }

    @Test
    void aSuspendableSupertypeThatTheParentShadowsDoesNotCount(@TempDir Path parentDir, @TempDir Path childDir) throws Exception {
        CompiledClasses.write(parentDir, Map.of("fp.res.Base", PLAIN_BASE), n -> true);
        CompiledClasses.jar(childDir.resolve("child.jar"), Map.of("fp.res.Base", SUSPENDABLE_BASE, "fp.res.Sub", SUB), n -> true);
        assertFalse(rewritten(parentDir, childDir.resolve("child.jar")),
                "the child's Base is never loaded: Sub extends the parent's, which declares nothing suspendable");
    }

    @Test
    void aLongSupertypeInAJarIsReadFromItsHeader(@TempDir Path parentDir, @TempDir Path childDir) throws Exception {
        StringBuilder base = new StringBuilder("package fp.res; public class Base {\n");
        for (int i = 0; i < 300; i++) {
            // distinct strings and methods: a constant pool of tens of KiB, and a method table longer still
            base.append("  public String m").append(i).append("() { return \"a constant long enough to fill the pool, number ")
                    .append(i).append("\"; }\n");
        }
        base.append("  @dev.weft.Suspendable public String fetch() { return \"base\"; }\n}\n");
        CompiledClasses.jar(childDir.resolve("child.jar"), Map.of("fp.res.Base", base.toString(), "fp.res.Sub", SUB), n -> true);
        try (JarFile jar = new JarFile(childDir.resolve("child.jar").toFile())) {
            long size = jar.getEntry("fp/res/Base.class").getSize();
            assertTrue(size > 16_000, "Base's class file is " + size + " bytes, past several of the screen's reads");
        }
        // the parent has no Base: the child's own is read
        assertTrue(rewritten(parentDir, childDir.resolve("child.jar")), "Sub overrides the long Base's @Suspendable fetch");
    }

    /** Loads Sub through a jar loader whose parent is a directory loader that sees the runtime. */
    private boolean rewritten(Path parentDir, Path childJar) throws Exception {
        try (URLClassLoader parent = new URLClassLoader(new URL[] {parentDir.toUri().toURL()}, getClass().getClassLoader());
             URLClassLoader child = new URLClassLoader(new URL[] {childJar.toUri().toURL()}, parent)) {
            Class<?> sub = Class.forName("fp.res.Sub", true, child);
            assertEquals("sub", sub.getMethod("fetch").invoke(sub.getConstructor().newInstance()));
            return sub.isAnnotationPresent(Instrumented.class);
        }
    }
}
