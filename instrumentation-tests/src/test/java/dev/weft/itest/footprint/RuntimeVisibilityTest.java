package dev.weft.itest.footprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A class loader that cannot see the Weft runtime gets nothing rewritten that names nothing of
 * Weft, since rewritten code could not run there; the agent then reads none of its supertypes.
 * A loader whose path later grows to include the runtime is asked again.
 */
class RuntimeVisibilityTest {
    private static final Map<String, String> SOURCES = Map.of(
            "fp.vis.Api", """
            package fp.vis;
            public interface Api {
                @dev.weft.Suspendable String fetch();
            }
            """,
            "fp.vis.Leaf", """
            package fp.vis;
            /** Names nothing of Weft: suspendable only because Api.fetch is. */
            public final class Leaf implements Api {
                @Override public String fetch() {
                    return "leaf";
                }
            }
            """,
            "fp.vis.Forwarder", """
            package fp.vis;
            /** Names nothing of Weft either; its call of fetch is a suspension point. */
            public final class Forwarder implements Api {
                private final Api inner = new Leaf();
                @Override public String fetch() {
                    return "via " + inner.fetch();
                }
            }
            """);

    /**
     * Records which resources are asked of it (the agent reads supertypes through
     * {@code getResource}; the JVM loads classes through {@code findClass}) and exposes
     * {@code addURL}, as plug-in systems and launchers do.
     */
    private static final class RecordingLoader extends URLClassLoader {
        final List<String> asked = new CopyOnWriteArrayList<>();

        RecordingLoader(URL url, ClassLoader parent) {
            super(new URL[] {url}, parent);
        }

        @Override
        public URL getResource(String name) {
            asked.add(name);
            return super.getResource(name);
        }

        void add(URL url) {
            addURL(url);
        }
    }

    @Test
    void noSupertypeIsReadThroughALoaderThatCannotSeeTheRuntime(@TempDir Path dir) throws Exception {
        CompiledClasses.write(dir, SOURCES, n -> true);
        try (RecordingLoader loader = new RecordingLoader(dir.toUri().toURL(), ClassLoader.getPlatformClassLoader())) {
            assertEquals("leaf", fetch(loader, "fp.vis.Leaf"));
            assertEquals("via leaf", fetch(loader, "fp.vis.Forwarder"));
            assertEquals(List.of(), loader.asked.stream().filter(n -> n.startsWith("fp/")).toList(),
                    "class files the agent read through a loader that cannot see the runtime");
        }
    }

    @Test
    void supertypesAreReadThroughALoaderThatSeesTheRuntime(@TempDir Path dir) throws Exception {
        CompiledClasses.write(dir, SOURCES, n -> true);
        try (RecordingLoader loader = new RecordingLoader(dir.toUri().toURL(), getClass().getClassLoader())) {
            assertEquals("leaf", fetch(loader, "fp.vis.Leaf"));
            // Leaf is screened before the JVM resolves its interface, so Api's class file is read
            assertTrue(loader.asked.contains("fp/vis/Api.class"), "asked: " + loader.asked);
        }
    }

    @Test
    void aLoaderThatLaterSeesTheRuntimeIsAskedAgain(@TempDir Path dir) throws Exception {
        CompiledClasses.write(dir, SOURCES, n -> true);
        try (RecordingLoader loader = new RecordingLoader(dir.toUri().toURL(), ClassLoader.getPlatformClassLoader())) {
            assertEquals("leaf", fetch(loader, "fp.vis.Leaf"));
            loader.add(dev.weft.Async.class.getProtectionDomain().getCodeSource().getLocation());
            @SuppressWarnings("unchecked")
            Class<? extends Annotation> instrumented =
                    (Class<? extends Annotation>) Class.forName("dev.weft.coroutine.abi.Instrumented", false, loader);
            Class.forName("dev.weft.Async", false, loader); // the runtime is now in use through this loader
            Class<?> forwarder = Class.forName("fp.vis.Forwarder", false, loader);
            assertTrue(forwarder.isAnnotationPresent(instrumented), "Forwarder was loaded after the runtime became visible");
            assertFalse(Class.forName("fp.vis.Leaf", false, loader).isAnnotationPresent(instrumented),
                    "Leaf was loaded while the loader could not see the runtime");
            assertEquals("via leaf", fetch(loader, "fp.vis.Forwarder"));
        }
    }

    private static Object fetch(ClassLoader loader, String className) throws Exception {
        Class<?> type = Class.forName(className, true, loader);
        Object instance = type.getConstructor().newInstance();
        return type.getMethod("fetch").invoke(instance);
    }
}
