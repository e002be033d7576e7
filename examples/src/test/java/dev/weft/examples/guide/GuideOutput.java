package dev.weft.examples.guide;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a guide example into a buffer, and reads the output the guide shows for it, so that a
 * test can check that {@code docs/GUIDE.md} shows what the example really prints. In the guide,
 * the block follows a marker line {@code <!-- output: <example class> -->}.
 */
public final class GuideOutput {
    private GuideOutput() {
    }

    /** An example's entry point, given where to print. */
    public interface Example {
        /**
         * @param out where the example prints
         * @throws Exception if it fails
         */
        void run(PrintStream out) throws Exception;
    }

    /**
     * @param example the example
     * @return what it printed
     * @throws Exception if it failed
     */
    public static String of(Example example) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        example.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    /**
     * @param exampleClass the example's main class
     * @return the text of the fenced block after its marker in docs/GUIDE.md
     * @throws IOException if the guide cannot be read
     */
    public static String inGuide(Class<?> exampleClass) throws IOException {
        Path guide = Path.of("../docs/GUIDE.md");
        if (!Files.exists(guide)) {
            guide = Path.of("docs/GUIDE.md");
        }
        List<String> lines = Files.readAllLines(guide, StandardCharsets.UTF_8);
        String marker = "<!-- output: " + exampleClass.getName() + " -->";
        int i = lines.indexOf(marker);
        if (i < 0) {
            throw new AssertionError("docs/GUIDE.md has no line '" + marker + "'");
        }
        if (!lines.get(i + 1).startsWith("```")) {
            throw new AssertionError("a fenced block must follow '" + marker + "' in docs/GUIDE.md");
        }
        StringBuilder sb = new StringBuilder();
        for (int k = i + 2; !lines.get(k).equals("```"); k++) {
            sb.append(lines.get(k)).append('\n');
        }
        return sb.toString();
    }
}
