package dev.weft.examples.guide.step07_select;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.examples.guide.GuideOutput;
import org.junit.jupiter.api.Test;

class SelectAndCancelTest {
    @Test
    void printsWhatTheGuideShows() throws Exception {
        String printed = GuideOutput.of(out -> new SelectAndCancel(out).run());
        assertEquals(GuideOutput.inGuide(SelectAndCancel.class), printed);
    }
}
