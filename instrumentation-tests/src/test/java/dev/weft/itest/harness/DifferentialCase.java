package dev.weft.itest.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * One case run differentially: plain, forced and random (see {@link Mode}). The plain outcome is
 * the reference; the others must equal it.
 *
 * <p>Beyond equal outcomes, the forced run checks that every await of a {@link Src} gate really
 * suspended (at least as many pending polls as Src awaits) and that the coroutine was polled on
 * both poller threads; the plain run checks that the case is deterministic and awaits at least
 * once. Failures name the case, the mode, the seed and how to replay it.
 */
public final class DifferentialCase {
    /** Bound on one coroutine run; {@code -Dweft.itest.timeoutMillis}. */
    public static final long TIMEOUT_MILLIS = Long.getLong("weft.itest.timeoutMillis", 10_000L);
    /**
     * The modes to run, {@code -Dweft.itest.modes=plain,forced,random} (the default); narrowing it
     * helps to debug one mode. Plain always runs as the reference of the others.
     */
    public static final java.util.Set<Mode> MODES = parseModes(System.getProperty("weft.itest.modes", "plain,forced,random"));
    /** Coroutines run at once in random mode. */
    public static final int RANDOM_INSTANCES = 4;

    private final String name;
    private final CaseDispatcher dispatcher;
    private final int index;
    private final long seed;
    private final String replay;
    private final Supplier<String> context;
    private Outcome reference;

    /**
     * @param name the case's name, for messages
     * @param dispatcher calls it
     * @param index its index in the dispatcher
     * @param seed seeds the random mode
     * @param replay how to replay, for messages (for example {@code -Dweft.itest.seed=42})
     * @param context more to print on failure (a generated program's source), or null
     */
    public DifferentialCase(String name, CaseDispatcher dispatcher, int index, long seed, String replay,
                            Supplier<String> context) {
        this.name = name;
        this.dispatcher = dispatcher;
        this.index = index;
        this.seed = seed;
        this.replay = replay;
        this.context = context;
    }

    /** @return the case's name */
    public String name() {
        return name;
    }

    /** @return one dynamic test per mode; the forced and random tests share the plain reference */
    public Stream<DynamicTest> tests() {
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest(name + " [plain]", this::checkPlain));
        if (MODES.contains(Mode.FORCED)) {
            tests.add(DynamicTest.dynamicTest(name + " [forced]", this::checkForced));
        }
        if (MODES.contains(Mode.RANDOM)) {
            tests.add(DynamicTest.dynamicTest(name + " [random]", this::checkRandom));
        }
        return tests.stream();
    }

    private static java.util.Set<Mode> parseModes(String spec) {
        java.util.Set<Mode> modes = java.util.EnumSet.of(Mode.PLAIN);
        for (String m : spec.split(",")) {
            if (!m.isBlank()) {
                modes.add(Mode.valueOf(m.trim().toUpperCase(java.util.Locale.ROOT)));
            }
        }
        return modes;
    }

    /** Runs all three modes (those in {@link #MODES}) and checks them (what a generated program does). */
    public void checkAll() {
        checkPlain();
        if (MODES.contains(Mode.FORCED)) {
            checkForced();
        }
        if (MODES.contains(Mode.RANDOM)) {
            checkRandom();
        }
    }

    /** Runs plain twice: the case must be deterministic and await at least once. */
    public void checkPlain() {
        Outcome first = runPlain();
        Outcome second = runPlain();
        if (!first.equals(second)) {
            fail(header(Mode.PLAIN) + "the case is not deterministic: two plain runs differ:" + second.diff(first));
        }
        if (first.gates() == 0) {
            fail(header(Mode.PLAIN) + "the case made no Src gate, so it tests nothing about suspension");
        }
        reference = first;
    }

    /** Runs one coroutine whose every await suspends, and compares with plain. */
    public void checkForced() {
        Outcome expected = reference();
        DrivenTask task;
        Outcome actual;
        try (CoroutineDriver driver = new CoroutineDriver(Mode.FORCED, seed)) {
            task = driver.start(() -> dispatcher.run(index), new RunContext(Mode.FORCED, seed));
            actual = awaitOrFail(task, Mode.FORCED);
        }
        compare(Mode.FORCED, expected, actual, "");
        if (task.pendingPolls() < task.srcAwaits()) {
            fail(header(Mode.FORCED) + task.srcAwaits() + " awaits of Src gates, but only " + task.pendingPolls()
                    + " polls returned pending: an await blocked instead of suspending (a pinned frame?)");
        }
        if (task.pendingPolls() == 0) {
            fail(header(Mode.FORCED) + "no poll returned pending: the case never really suspended");
        }
        checkPinning(Mode.FORCED, task);
        if (task.pendingPolls() > expected.gates()) {
            fail(header(Mode.FORCED) + task.pendingPolls() + " pending polls for " + expected.gates() + " gates");
        }
        if (task.pendingPolls() > 0 && task.pollThreads().size() < 2) {
            fail(header(Mode.FORCED) + "resumed on the same thread only: " + task.pollThreads());
        }
    }

    /** Runs several coroutines at once with random suspend decisions, and compares each with plain. */
    public void checkRandom() {
        Outcome expected = reference();
        List<DrivenTask> tasks = new ArrayList<>();
        List<Outcome> actual = new ArrayList<>();
        try (CoroutineDriver driver = new CoroutineDriver(Mode.RANDOM, seed)) {
            for (int k = 0; k < RANDOM_INSTANCES; k++) {
                tasks.add(driver.start(() -> dispatcher.run(index), new RunContext(Mode.RANDOM, seed + k)));
            }
            for (DrivenTask t : tasks) {
                actual.add(awaitOrFail(t, Mode.RANDOM));
            }
        }
        for (DrivenTask t : tasks) {
            checkPinning(Mode.RANDOM, t);
        }
        for (int k = 0; k < actual.size(); k++) {
            compare(Mode.RANDOM, expected, actual.get(k), " (instance " + k + " of " + RANDOM_INSTANCES
                    + ", coin seed " + (seed + k) + ")");
        }
    }

    /** Every await of a pin gate must have blocked in a pinned frame, none suspended through it. */
    private void checkPinning(Mode mode, DrivenTask task) {
        RunContext ctx = task.context();
        if (ctx.escapedPins() != 0) {
            fail(header(mode) + ctx.escapedPins() + " of " + ctx.pinGates() + " awaits behind a frame that is not rewritten"
                    + " suspended through it instead of pinning");
        }
        if (ctx.pinnedAwaits() != ctx.pinGates()) {
            fail(header(mode) + "only " + ctx.pinnedAwaits() + " of " + ctx.pinGates() + " pin gates were awaited pinned");
        }
    }

    private Outcome reference() {
        if (reference == null) {
            checkPlain();
        }
        return reference;
    }

    private Outcome runPlain() {
        RunContext ctx = new RunContext(Mode.PLAIN, seed);
        RunContext.install(ctx);
        try {
            return Outcome.returned(dispatcher.run(index), ctx);
        } catch (Throwable t) {
            return Outcome.threw(t, ctx);
        } finally {
            RunContext.uninstall();
        }
    }

    private Outcome awaitOrFail(DrivenTask task, Mode mode) {
        try {
            return task.await(TIMEOUT_MILLIS);
        } catch (AssertionError e) {
            throw new AssertionError(header(mode) + e.getMessage() + footer());
        }
    }

    private void compare(Mode mode, Outcome expected, Outcome actual, String which) {
        if (!expected.equals(actual)) {
            AssertionError e = new AssertionError(header(mode) + "differs from plain" + which + ":" + actual.diff(expected)
                    + "\n  plain:  " + expected + "\n  " + mode.label() + ": " + actual + footer());
            if (actual.thrown() != null) {
                e.initCause(actual.thrown());
            }
            throw e;
        }
        assertEquals(expected, actual);
    }

    private String header(Mode mode) {
        return name + " [" + mode.label() + "], seed " + seed + " (replay: " + replay + "): ";
    }

    private String footer() {
        return context == null ? "" : "\n" + context.get();
    }
}
