package dev.weft.examples.guide.step03_runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.examples.guide.GuideOutput;
import org.junit.jupiter.api.Test;

class RuntimesTest {
    @Test
    void printsWhatTheGuideShows() throws Exception {
        String printed = GuideOutput.of(out -> new Runtimes(out).run());
        assertEquals(GuideOutput.inGuide(Runtimes.class), printed);
    }
}
