package dev.weft.examples.guide.step10_agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.examples.guide.GuideOutput;
import org.junit.jupiter.api.Test;

class AgentOptionsTourTest {
    @Test
    void printsWhatTheGuideShows() throws Exception {
        String printed = GuideOutput.of(out -> new AgentOptionsTour(out).run());
        assertEquals(GuideOutput.inGuide(AgentOptionsTour.class), printed);
    }
}
