package dev.weft.examples.guide.step06_interfaces;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.examples.guide.GuideOutput;
import org.junit.jupiter.api.Test;

class SuspendableInterfacesTest {
    @Test
    void printsWhatTheGuideShows() throws Exception {
        String printed = GuideOutput.of(out -> new SuspendableInterfaces(out).run());
        assertEquals(GuideOutput.inGuide(SuspendableInterfaces.class), printed);
    }
}
