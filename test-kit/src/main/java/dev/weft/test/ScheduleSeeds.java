package dev.weft.test;

import java.util.ArrayList;
import java.util.List;

/**
 * Which random schedules a {@code @WeftTest} runs: the one of {@code -Dweft.test.seed} or of
 * {@code seed}, else N seeds derived from the test's name (the same on every run, so CI and a
 * laptop find the same failures), else none (the runtime's own order).
 */
final class ScheduleSeeds {
    /** The system property that replays one schedule in every {@code @WeftTest}. */
    static final String PROPERTY = "weft.test.seed";

    private ScheduleSeeds() {
    }

    /**
     * @param a the annotation
     * @param testName class and method name, to derive seeds from
     * @return the seeds to run, one per schedule; a single null means "no random schedule"
     */
    static List<Long> of(WeftTest a, String testName) {
        String replay = System.getProperty(PROPERTY);
        if (replay != null && !replay.isBlank()) {
            return List.of(parse(replay.trim()));
        }
        if (a.seed() != WeftTest.NO_SEED) {
            return List.of(a.seed());
        }
        List<Long> seeds = new ArrayList<>();
        if (a.schedules() == 1) {
            seeds.add(null);
            return seeds;
        }
        long base = testName.hashCode();
        for (int i = 0; i < a.schedules(); i++) {
            seeds.add(mix(base * 0x9E3779B97F4A7C15L + i));
        }
        return seeds;
    }

    /** @return the seed as the failure message prints it, valid Java for {@code seed = ...} */
    static String format(long seed) {
        return "0x" + Long.toHexString(seed) + "L";
    }

    static long parse(String s) {
        try {
            String t = s.endsWith("L") || s.endsWith("l") ? s.substring(0, s.length() - 1) : s;
            if (t.startsWith("0x") || t.startsWith("0X")) {
                return Long.parseUnsignedLong(t.substring(2), 16);
            }
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + PROPERTY + "=" + s + " is not a seed: give a decimal or 0x-hex long,"
                    + " as a failed schedule prints it", e);
        }
    }

    /** SplitMix64's finalizer: neighbouring inputs give unrelated seeds. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
