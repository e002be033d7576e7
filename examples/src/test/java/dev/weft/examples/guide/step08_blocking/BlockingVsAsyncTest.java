package dev.weft.examples.guide.step08_blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.examples.guide.GuideOutput;
import org.junit.jupiter.api.Test;

class BlockingVsAsyncTest {
    @Test
    void printsWhatTheGuideShows() throws Exception {
        String printed = GuideOutput.of(out -> new BlockingVsAsync(out).run());
        assertEquals(GuideOutput.inGuide(BlockingVsAsync.class), printed);
    }
}
