package dev.weft.test;

import dev.weft.WeftRuntime;
import dev.weft.diagnostics.TaskInfo;
import java.lang.reflect.Method;
import java.util.List;

/**
 * One run of a test method: a fresh runtime, the method as the body of {@code blockOn}, a check
 * that no task it spawned is still alive, and the runtime closed whatever happened.
 */
final class TestRun {
    private TestRun() {
    }

    /**
     * @param settings the runtime asked for
     * @param seed the random schedule's seed, or null
     * @param target the test instance
     * @param method the test method
     * @param args its arguments
     * @throws Throwable the test's failure, with the seed in the message under a random schedule
     */
    static void run(TestSettings settings, Long seed, Object target, Method method, Object[] args) throws Throwable {
        var body = TestInvoker.of(target, method, args);
        try (WeftRuntime rt = settings.build(seed)) {
            rt.blockOn(body);
            rt.blockOn(() -> {
                TestClock.settle();   // let spawned work that can finish now finish
                return null;
            });
            List<TaskInfo> alive = rt.dumpTasks();
            if (!alive.isEmpty()) {
                throw new AssertionError(alive.size() + " task(s) spawned by the test are still alive at its end;"
                        + " join or abort them before returning:\n" + rt.dumpTasksAsString());
            }
        } catch (Throwable t) {
            if (seed == null) {
                throw t;
            }
            AssertionError withSeed = new AssertionError("failed under the random schedule with seed " + ScheduleSeeds.format(seed)
                    + "; replay it with @WeftTest(seed = " + ScheduleSeeds.format(seed) + ") or -D" + ScheduleSeeds.PROPERTY + "="
                    + ScheduleSeeds.format(seed) + ": " + t, t);
            throw withSeed;
        }
    }
}
