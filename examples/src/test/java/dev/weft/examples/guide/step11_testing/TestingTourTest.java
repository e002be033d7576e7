package dev.weft.examples.guide.step11_testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.examples.guide.GuideOutput;
import org.junit.jupiter.api.Test;

class TestingTourTest {
    @Test
    void printsWhatTheGuideShows() throws Exception {
        String printed = GuideOutput.of(out -> new TestingTour(out).run());
        assertEquals(GuideOutput.inGuide(TestingTour.class), printed);
    }
}
