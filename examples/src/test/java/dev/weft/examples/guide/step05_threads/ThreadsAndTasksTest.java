package dev.weft.examples.guide.step05_threads;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.examples.guide.GuideOutput;
import org.junit.jupiter.api.Test;

class ThreadsAndTasksTest {
    @Test
    void printsWhatTheGuideShows() throws Exception {
        String printed = GuideOutput.of(out -> new ThreadsAndTasks(out).run());
        assertEquals(GuideOutput.inGuide(ThreadsAndTasks.class), printed);
    }
}
