package dev.weft.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's exit statuses and messages. */
class MainTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errText() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void badUsageExitsTwoWithTheUsage() {
        assertEquals(2, run());
        assertTrue(errText().contains("usage: java -jar weft-agent.jar instrument"), errText());
        assertEquals(2, run("rewrite"));
        assertTrue(errText().contains("unknown command: rewrite"), errText());
        assertEquals(2, run("instrument", dir.toString(), "--classpath"));
        assertTrue(errText().contains("--classpath needs a value"), errText());
        assertEquals(2, run("instrument", dir.resolve("nope").toString()));
        assertTrue(errText().contains("not a class directory: " + dir.resolve("nope")), errText());
        assertEquals(2, run("instrument", dir.toString(), "--fast"));
        assertTrue(errText().contains("unknown option: --fast"), errText());
    }

    @Test
    void aRefusalExitsOneAndNamesClassMethodLineAndRule() throws IOException {
        Path pkg = Files.createDirectories(dir.resolve("dev/weft/agent/fixtures"));
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("dev/weft/agent/fixtures/Shapes.class")) {
            Files.write(pkg.resolve("Shapes.class"), in.readAllBytes());
        }
        int status = run("instrument", dir.toString(), "--classpath", System.getProperty("java.class.path") + File.pathSeparator);
        assertEquals(1, status, errText());
        assertTrue(errText().matches("(?s).*Weft cannot rewrite dev\\.weft\\.agent\\.fixtures\\.Shapes\\.inSynchronized\\(\\)I "
                + "\\(Shapes\\.java:\\d+\\): SUSPENSION_IN_SYNCHRONIZED.*"), errText());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("Weft rewrote 1 of 1 classes"), out::toString);
    }
}
