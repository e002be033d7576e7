package dev.weft.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.test.samples.LeakingTask;
import dev.weft.test.samples.NotSuspendable;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a {@code @WeftTest} reports when the test itself is wrong. */
class FailureReportTest {
    @Test
    void aTaskLeftAliveFailsTheTestWithItsLogicalStack() {
        List<Samples.Outcome> out = Samples.run(LeakingTask.class);
        assertEquals(1, out.size(), out.toString());
        Samples.Outcome o = out.get(0);
        assertTrue(o.failed(), o.toString());
        assertTrue(o.message().contains("1 task(s) spawned by the test are still alive"), o.message());
        assertTrue(o.message().contains("forgotten"), "names the task: " + o.message());
        assertTrue(o.message().contains(LeakingTask.class.getName() + ".waitForever(LeakingTask.java:"),
                "shows where it waits: " + o.message());
    }

    @Test
    void aMethodThatIsNotSuspendableIsRefusedWithTheFix() {
        Samples.Outcome o = Samples.run(NotSuspendable.class).get(0);
        assertTrue(o.failed(), o.toString());
        assertTrue(o.message().contains("forgotTheAnnotation must also be annotated @dev.weft.Suspendable"), o.message());
    }

    @Test
    void aBadSeedPropertyIsRefusedNamingIt() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ScheduleSeeds.parse("0xnope"));
        assertTrue(e.getMessage().contains("-Dweft.test.seed=0xnope is not a seed"), e.getMessage());
        assertEquals(-2L, ScheduleSeeds.parse(ScheduleSeeds.format(-2L)));
        assertEquals(42L, ScheduleSeeds.parse("42"));
    }
}
