package dev.weft.examples.guide.step09_jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.examples.guide.GuideOutput;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The JFR events are being added in parallel: for now this checks that the example records,
 * reads the recording back and prints, and that the logical stack part matches the guide. Once
 * the runtime emits the events, compare the whole output with the guide (as the other steps do)
 * and check that each of {@link Profiling#WEFT_EVENTS} is counted.
 */
class ProfilingTest {
    @Test
    void recordsAndPrintsTheLogicalStack() throws Exception {
        String printed = GuideOutput.of(out -> new Profiling(out).run());
        List<String> lines = printed.lines().toList();
        assertEquals("recorded the workload; dev.weft events in the recording:", lines.get(0));
        String guide = GuideOutput.inGuide(Profiling.class);
        String stack = "logical stack of a suspended coroutine (innermost first):";
        assertTrue(printed.contains(stack), printed);
        assertEquals(guide.substring(guide.indexOf(stack)), printed.substring(printed.indexOf(stack)));
        for (String line : lines.subList(1, lines.indexOf(stack))) {
            assertTrue(line.startsWith("  "), () -> "unexpected line: " + line);
        }
    }
}
