package dev.weft.examples.guide.step04_spawn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.examples.guide.GuideOutput;
import org.junit.jupiter.api.Test;

class SpawnJoinTest {
    @Test
    void printsWhatTheGuideShows() throws Exception {
        String printed = GuideOutput.of(out -> new SpawnJoin(out).run());
        assertEquals(GuideOutput.inGuide(SpawnJoin.class), printed);
    }
}
