package dev.weft.itest.footprint;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.coroutine.abi.Instrumented;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Classes that went through the agent's full analysis do not keep their class loader alive: once
 * the loader is closed and unreferenced, it is collected. The supertype of one of them lives in
 * a parent loader and the subclass names nothing of Weft, so the test also shows that the
 * agent's screen finds suspendable ancestry across loaders.
 */
class ClassLoaderReleaseTest {
    private static final Map<String, String> API = Map.of("fp.api.Service", """
            package fp.api;
            public interface Service {
                @dev.weft.Suspendable String fetch();
            }
            """);

    private static final Map<String, String> PLUGIN = Map.of(
            "fp.plugin.Remote", """
            package fp.plugin;
            public final class Remote implements fp.api.Service {
                @Override public String fetch() {
                    return dev.weft.Async.await(java.util.concurrent.CompletableFuture.completedFuture("remote"));
                }
            }
            """,
            "fp.plugin.Cached", """
            package fp.plugin;
            /** Names nothing of Weft: suspendable only because Service.fetch is. */
            public final class Cached implements fp.api.Service {
                private final fp.api.Service inner = new Remote();
                @Override public String fetch() {
                    return inner.fetch();
                }
            }
            """,
            "fp.plugin.Plain", """
            package fp.plugin;
            public final class Plain {
                public static int twice(int x) { return 2 * x; }
            }
            """);

    @Test
    void aClosedLoaderWhoseClassesWereRewrittenIsCollected(@TempDir Path api, @TempDir Path plugin) throws Exception {
        CompiledClasses.write(api, API, n -> true);
        Map<String, String> all = new java.util.HashMap<>(API);
        all.putAll(PLUGIN);
        CompiledClasses.write(plugin, all, n -> n.startsWith("fp.plugin."));
        try (URLClassLoader apiLoader = new URLClassLoader(new URL[] {api.toUri().toURL()}, getClass().getClassLoader())) {
            WeakReference<ClassLoader> ref = loadAndClose(plugin, apiLoader);
            for (int i = 0; i < 100 && ref.get() != null; i++) {
                System.gc();
                byte[][] pressure = new byte[64][];
                for (int j = 0; j < pressure.length; j++) {
                    pressure[j] = new byte[16 * 1024];
                }
            }
            assertNull(ref.get(), "the plug-in's class loader is still reachable after 100 full GCs");
        }
    }

    /** In its own frame, so that no local of the test method keeps the loader or a class. */
    private static WeakReference<ClassLoader> loadAndClose(Path plugin, ClassLoader parent) throws Exception {
        URLClassLoader loader = new URLClassLoader(new URL[] {plugin.toUri().toURL()}, parent);
        Class<?> remote = Class.forName("fp.plugin.Remote", true, loader);
        Class<?> cached = Class.forName("fp.plugin.Cached", true, loader);
        Class<?> plain = Class.forName("fp.plugin.Plain", true, loader);
        assertTrue(remote.isAnnotationPresent(Instrumented.class), "Remote must have been rewritten");
        assertTrue(cached.isAnnotationPresent(Instrumented.class), "Cached overrides a suspendable method of another loader's type");
        assertFalse(plain.isAnnotationPresent(Instrumented.class));
        loader.close();
        return new WeakReference<>(loader);
    }
}
