package dev.weft.itest.footprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    private List<String> recordsAtOrAbove(Level level) {
        synchronized (records) {
            return records.stream().filter(r -> r.getLevel().intValue() >= level.intValue())
                    .filter(r -> r.getMessage() != null && r.getMessage().contains("fp.opt"))
                    .map(r -> r.getLevel() + " " + r.getMessage()).toList();
        }
    }
}
