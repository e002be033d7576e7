package dev.weft.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.test.samples.CheckThenAct;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Random schedules find a check-then-act race that the runtime's own order hides, print its seed,
 * and replay it from that seed.
 */
class RandomScheduleTest {
    private static final Pattern SEED = Pattern.compile("seed (0x[0-9a-f]+L);");

    @Test
    void theRuntimesOwnOrderHidesTheRace() {
        List<Samples.Outcome> out = Samples.run(CheckThenAct.class, "fifoOrderHidesTheRace");
        assertEquals(1, out.size());
        assertFalse(out.get(0).failed(), out.toString());
    }

    @Test
    void randomSchedulesFindItAndItsSeedReplaysIt() {
        List<Samples.Outcome> out = Samples.run(CheckThenAct.class, "randomSchedulesFindTheRace");
        assertEquals(20, out.size(), "one invocation per schedule");
        List<Samples.Outcome> failed = out.stream().filter(Samples.Outcome::failed).collect(Collectors.toList());
        assertFalse(failed.isEmpty(), "20 schedules should find the overdraft: " + out);
        Samples.Outcome first = failed.get(0);
        assertTrue(first.message().contains("overdrawn: -60"), first.message());
        Matcher m = SEED.matcher(first.message());
        assertTrue(m.find(), "the failure names its seed: " + first.message());
        String seed = m.group(1);
        assertTrue(first.message().contains("@WeftTest(seed = " + seed + ")"), first.message());
        assertTrue(first.displayName().contains(seed), first.displayName());

        // the same runs again give the same outcome per seed: schedules are deterministic
        List<Samples.Outcome> again = Samples.run(CheckThenAct.class, "randomSchedulesFindTheRace");
        assertEquals(out.stream().map(o -> o.displayName() + o.status()).collect(Collectors.toList()),
                again.stream().map(o -> o.displayName() + o.status()).collect(Collectors.toList()));

        // replay: the seed from the message fails the first method too, and only it runs
        String passingSeed = out.stream().filter(o -> !o.failed()).findFirst()
                .map(o -> o.displayName().substring(o.displayName().indexOf("0x"))).orElseThrow();
        assertEquals(List.of(true), replay(seed));
        assertEquals(List.of(false), replay(passingSeed));
    }

    private static List<Boolean> replay(String seed) {
        System.setProperty(ScheduleSeeds.PROPERTY, seed);
        try {
            return Samples.run(CheckThenAct.class, "randomSchedulesFindTheRace").stream()
                    .map(Samples.Outcome::failed).collect(Collectors.toList());
        } finally {
            System.clearProperty(ScheduleSeeds.PROPERTY);
        }
    }
}
