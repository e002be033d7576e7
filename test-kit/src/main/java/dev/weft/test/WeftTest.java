package dev.weft.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test method as a coroutine on a fresh Weft runtime, as {@code #[tokio::test]}: the
 * runtime is built before the method, the method is the body of its {@code blockOn}, and the
 * runtime is closed after it. The test fails if tasks it spawned are still alive at its end; the
 * failure lists each one with its logical stack.
 *
 * <pre>{@code
 * class ChannelTest {
 *     @WeftTest
 *     @Suspendable
 *     void receivesWhatWasSent() {
 *         var ch = dev.weft.sync.oneshot.Channel.<String>create();
 *         Task.spawn(() -> { ch.sender().send("hi"); return null; });
 *         assertEquals("hi", ch.receiver().recv());
 *     }
 *
 *     @WeftTest(paused = true)
 *     @Suspendable
 *     void timesOutInVirtualTime(TestClock clock) throws Exception {
 *         try {
 *             Time.timeout(Duration.ofHours(1), () -> forever());
 *             fail("should time out");
 *         } catch (Elapsed expected) {
 *             assertEquals(Duration.ofHours(1), clock.elapsed());   // at once, in virtual time
 *         }
 *     }
 *
 *     @WeftTest(schedules = 200)           // 200 seeded random schedules; a failure prints its seed
 *     @Suspendable
 *     void counterIsRaceFree() { ... }
 * }
 * }</pre>
 *
 * <p>The method must also be {@link dev.weft.Suspendable @Suspendable}, so that the agent rewrites
 * it (its awaits suspend instead of blocking), and the tests must run with the agent attached.
 * Lambdas given to {@code assertThrows} and the like are plain code: an await inside one blocks
 * the runtime's thread, so catch the exception in the method itself. See docs/TESTING.md.
 *
 * <p>On a class, it applies to every {@code @Test} method of the class; {@code schedules} then
 * runs the schedules one after another inside one test (a method-level {@code @WeftTest} reports
 * each schedule as its own invocation).
 *
 * <h2>Random schedules</h2>
 * With {@code schedules = N} (N &gt; 1) the method runs N times on a current-thread runtime, each
 * time with a seeded random schedule ({@link dev.weft.WeftRuntime.Builder#randomSchedule(long)}):
 * the next task to poll is drawn at random, and an await that could suspend sometimes answers
 * "pending" once although its future is ready. Seeds derive from the class and method name, so
 * a run is repeatable. A failure names its seed; {@code seed = ...}, or the system property
 * {@code -Dweft.test.seed=...} (decimal or {@code 0x} hex, for every {@code @WeftTest} of the run),
 * replays exactly that schedule, given no outside events: use {@code paused = true} when the test
 * sleeps, and no real I/O.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@TestTemplate
@ExtendWith(WeftTestExtension.class)
public @interface WeftTest {
    /** The value of {@link #seed()} that means "no seed given". */
    long NO_SEED = Long.MIN_VALUE;

    /** The runtime flavours. */
    enum Flavor {
        /** {@link dev.weft.WeftRuntime#currentThread()}: everything on the test's thread (the default). */
        CURRENT_THREAD,
        /** {@link dev.weft.WeftRuntime#multiThread()} with {@link WeftTest#workerThreads()} workers. */
        MULTI_THREAD
    }

    /** @return the runtime flavour (default current-thread) */
    Flavor flavor() default Flavor.CURRENT_THREAD;

    /** @return worker threads of a multi-thread runtime (default 0: two); must stay 0 for current-thread */
    int workerThreads() default 0;

    /**
     * @return whether the clock is paused: time moves only when every task is idle (to the next
     *     timer) or through {@link TestClock}; current-thread only, as Tokio's {@code start_paused}
     */
    boolean paused() default false;

    /** @return how many seeded random schedules to run (default 1: the runtime's own FIFO order) */
    int schedules() default 1;

    /** @return replay this one random schedule (as printed by a failure); default none */
    long seed() default NO_SEED;
}
