package dev.weft.examples.guide.step01_lazy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.examples.guide.GuideOutput;
import org.junit.jupiter.api.Test;

class LazyTest {
    @Test
    void printsWhatTheGuideShows() throws Exception {
        String printed = GuideOutput.of(out -> new Lazy(out).run());
        assertEquals(GuideOutput.inGuide(Lazy.class), printed);
    }
}
