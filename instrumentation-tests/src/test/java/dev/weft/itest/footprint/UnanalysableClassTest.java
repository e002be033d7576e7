package dev.weft.itest.footprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Classes whose optional dependencies are absent, and that name nothing of Weft, are skipped by
 * the agent without a word above debug: it is the JVM's business, not Weft's.
 */
class UnanalysableClassTest {
    private static final Map<String, String> SOURCES = Map.of(
            "fp.opt.OptionalBase", "package fp.opt; public abstract class OptionalBase { public abstract String name(); }",
            "fp.opt.Plugin", "package fp.opt; public final class Plugin extends OptionalBase { public String name() { return \"p\"; } }",
            "fp.opt.OptionalMarker", "package fp.opt; @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)"
                    + " public @interface OptionalMarker { }",
            "fp.opt.Base", "package fp.opt; public class Base { @OptionalMarker public String name() { return \"b\"; } }",
            "fp.opt.Tool", "package fp.opt; public final class Tool extends Base { @Override public String name() { return \"t\"; } }");

    private final Logger agentLog = Logger.getLogger("dev.weft.agent");
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            synchronized (records) {
                records.add(r);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level previous;

    @BeforeEach
    void captureTheAgentsLog() {
        previous = agentLog.getLevel();
        agentLog.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        agentLog.addHandler(capture);
    }

    @AfterEach
    void restore() {
        agentLog.removeHandler(capture);
        agentLog.setLevel(previous);
    }

    @Test
    void aMissingSuperclassIsTheJvmsErrorAndOnlyADebugLineOfWefts(@TempDir Path dir) throws Exception {
        putTheAgentsLogInUse();
        CompiledClasses.write(dir, SOURCES, n -> !n.equals("fp.opt.OptionalBase"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            NoClassDefFoundError e = assertThrows(NoClassDefFoundError.class, () -> Class.forName("fp.opt.Plugin", false, loader));
            assertTrue(e.getMessage().contains("fp/opt/OptionalBase"), e.getMessage());
        }
        assertEquals(List.of(), recordsAtOrAbove(Level.INFO), "nothing above debug");
        assertTrue(recordsAtOrAbove(Level.ALL).stream().anyMatch(r -> r.contains("fp.opt.OptionalBase")),
                "the skipped supertype is named at debug level");
    }

    @Test
    void aMissingAnnotationTypeOnASupertypeSaysNothing(@TempDir Path dir) throws Exception {
        CompiledClasses.write(dir, SOURCES, n -> !n.equals("fp.opt.OptionalMarker"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            Object tool = Class.forName("fp.opt.Tool", true, loader).getConstructor().newInstance();
            assertEquals("t", tool.getClass().getMethod("name").invoke(tool));
        }
        assertEquals(List.of(), recordsAtOrAbove(Level.INFO));
    }

    /**
     * In a fresh JVM whose agent has logged nothing, the missing superclass does not start the
     * JDK's logging back end: the debug line is left unsaid rather than paid for.
     */
    @Test
    void aMissingSuperclassDoesNotStartTheLoggingBackEnd(@TempDir Path dir, @TempDir Path main) throws Exception {
        CompiledClasses.write(dir, SOURCES, n -> !n.equals("fp.opt.OptionalBase"));
        CompiledClasses.write(main, Map.of("fp.optmain.Main", """
                package fp.optmain;
                public final class Main {
                    public static void main(String[] args) throws Exception {
                        java.net.URL url = java.nio.file.Path.of(args[0]).toUri().toURL();
                        try (var loader = new java.net.URLClassLoader(new java.net.URL[] {url}, Main.class.getClassLoader())) {
                            Class.forName("fp.opt.Plugin", false, loader);
                        } catch (NoClassDefFoundError expected) {
                            System.out.println("refused by the JVM");
                        }
                    }
                }
                """), n -> true);
        String runtime = Path.of(dev.weft.Async.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-javaagent:" + System.getProperty("weft.agent.jar"), "-Xlog:class+load=info",
                "-cp", main + java.io.File.pathSeparator + runtime, "fp.optmain.Main", dir.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("refused by the JVM"), out);
        assertFalse(out.contains("java.util.logging.LogManager "), "the agent started java.util.logging");
        assertFalse(out.contains("jdk.internal.logger.DefaultLoggerFinder "), "the agent looked a System.Logger up");
    }

    /** As after any line of the agent's, at any level. */
    private static void putTheAgentsLogInUse() throws ReflectiveOperationException {
        Class<?> log = Class.forName("dev.weft.agent.install.AgentLog", true, ClassLoader.getSystemClassLoader());
        log.getMethod("log", System.Logger.Level.class, String.class).invoke(null, System.Logger.Level.TRACE, "test: the agent's log is in use");
    }

    private List<String> recordsAtOrAbove(Level level) {
        synchronized (records) {
            return records.stream().filter(r -> r.getLevel().intValue() >= level.intValue())
                    .filter(r -> r.getMessage() != null && r.getMessage().contains("fp.opt"))
                    .map(r -> r.getLevel() + " " + r.getMessage()).toList();
        }
    }
}
