package dev.weft.examples.guide.step09_jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.examples.guide.GuideOutput;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example's whole output, events included, is what the guide shows. */
class ProfilingTest {
    @Test
    void printsWhatTheGuideShows() throws Exception {
        String printed = GuideOutput.of(out -> new Profiling(out).run());
        assertEquals(GuideOutput.inGuide(Profiling.class), printed);
        assertTrue(printed.contains("  dev.weft.LongPoll: yes, its stack names Profiling.blocksItsWorker"), printed);
        for (String event : Profiling.WEFT_EVENTS) {
            assertTrue(printed.contains("  " + event + ": "), () -> event + " missing from:\n" + printed);
        }
    }
}
