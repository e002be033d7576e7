package dev.weft.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The examples, the guide's programs among them ({@code examples/.../guide/stepNN_*}), compile
 * with the checker and get no diagnostic: what they do on purpose (a pin, a blocking call, the
 * agent's refusal) carries a {@code @SuppressWarnings} that says why.
 */
class ExamplesCompileCleanTest {
    private static final Path EXAMPLES = Path.of("..", "examples", "src", "main", "java");

    @Test
    void examplesAndGuideCompileWithoutDiagnostics() {
        assertTrue(Files.isDirectory(EXAMPLES.resolve("dev/weft/examples/guide")), EXAMPLES.toAbsolutePath().toString());
        Compilation c = Compilation.ofTree("Weft", EXAMPLES);
        assertEquals(List.of(), c.others());
        assertEquals(List.of(), c.weft());
    }
}
