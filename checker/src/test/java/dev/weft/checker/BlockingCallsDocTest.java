package dev.weft.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/USING.md shows {@link BlockingCalls#TABLE} exactly, between its two markers. */
class BlockingCallsDocTest {
    private static final Path USING = Path.of("..", "docs", "USING.md");
    private static final String START = "<!-- weft-checker blocking calls: generated from BlockingCalls.TABLE -->\n";
    private static final String END = "<!-- end of blocking calls -->";

    @Test
    void usingMdShowsTheTable() throws IOException {
        String doc = Files.readString(USING);
        int from = doc.indexOf(START);
        int to = doc.indexOf(END);
        assertTrue(from >= 0 && to > from, "docs/USING.md lacks the markers " + START.trim() + " ... " + END);
        assertEquals(BlockingCalls.markdownTable(), doc.substring(from + START.length(), to),
                "docs/USING.md's table of blocking calls differs from BlockingCalls.TABLE; paste the expected text between the markers");
    }

    @Test
    void everyRowNamesAJdkTypeThisCompilerKnows() {
        for (BlockingCall row : BlockingCalls.TABLE) {
            assertTrue(row.owner().startsWith("java."), row.owner());
            try {
                Class.forName(row.owner(), false, ClassLoader.getPlatformClassLoader());
            } catch (ClassNotFoundException e) {
                throw new AssertionError("no such JDK type: " + row.owner(), e);
            }
        }
    }
}
