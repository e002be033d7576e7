package dev.weft.examples.guide.step02_yield;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.examples.guide.GuideOutput;
import org.junit.jupiter.api.Test;

class InterleaveTest {
    @Test
    void printsWhatTheGuideShows() throws Exception {
        String printed = GuideOutput.of(out -> new Interleave(out).run());
        assertEquals(GuideOutput.inGuide(Interleave.class), printed);
    }
}
