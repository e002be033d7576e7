package dev.weft.itest.rules;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Coroutine;
import dev.weft.Suspendable;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * How deep recursion through rewritten methods gets, against the same recursion without the
 * agent, on threads with the same explicit stack size. It counts frames until
 * {@link StackOverflowError}; no timing is involved. The count runs in a child JVM with
 * {@code -Xint}: compiled frames differ with what the JIT has done so far (a method compiled
 * while a coroutine ran deoptimizes when first called outside one, and a loaded machine
 * recompiles late), so only interpreted frames, whose size is fixed by the bytecode, compare
 * alike in every run.
 *
 * <p>The goal is 80 %. A rewritten frame adds two locals (the continuation and the pin flag);
 * a static call or a call on {@code this} into rewritten code keeps its arguments on the operand
 * stack, so nothing else is added (87 % interpreted, static and on {@code this}). This test
 * guards the goal ({@link #FLOOR}) for both kinds of recursion and prints the figures.
 */
class RecursionDepthTest {
    private static final long STACK_BYTES = 512 * 1024;
    /** The least ratio accepted: the goal; interpreted frame sizes follow from the bytecode alone. */
    private static final double FLOOR = 0.8;

    private static int plainDepth;
    private static int rewrittenDepth;
    private int instanceDepth;

    /** Not suspendable: the agent leaves it alone. */
    static int plain(int n, long salt) {
        plainDepth = n;
        return plain(n + 1, salt ^ n) + 1;
    }

    /** The same recursion, rewritten: each call is a suspension point. */
    @Suspendable
    static int rewritten(int n, long salt) {
        rewrittenDepth = n;
        return rewritten(n + 1, salt ^ n) + 1;
    }

    /** Not suspendable: a plain recursion on {@code this}. */
    int plainOnThis(int n, long salt) {
        instanceDepth = n;
        return plainOnThis(n + 1, salt ^ n) + 1;
    }

    /** The same recursion on {@code this}, rewritten. */
    @Suspendable
    int rewrittenOnThis(int n, long salt) {
        instanceDepth = n;
        return rewrittenOnThis(n + 1, salt ^ n) + 1;
    }

    /** Runs {@code body} on a fresh thread with {@link #STACK_BYTES} until it overflows; the depth reached. */
    private static int deepest(IntSupplier body) throws InterruptedException {
        AtomicInteger depth = new AtomicInteger();
        Thread t = new Thread(null, () -> depth.set(body.getAsInt()), "recursion-depth", STACK_BYTES);
        t.start();
        t.join();
        return depth.get();
    }

    /** The child JVM: prints the three depths on one line. */
    static final class Measure {
        public static void main(String[] args) throws InterruptedException {
            System.out.println("depths " + deepest(RecursionDepthTest::plainOnce) + " "
                    + deepest(RecursionDepthTest::rewrittenInCoroutine) + " "
                    + deepest(RecursionDepthTest::rewrittenOutsideCoroutine) + " "
                    + deepest(RecursionDepthTest::plainOnThisOnce) + " "
                    + deepest(RecursionDepthTest::rewrittenOnThisInCoroutine));
        }
    }

    private static int plainOnce() {
        try {
            plain(0, 1);
        } catch (StackOverflowError expected) {
            // the depth reached is the measurement
        }
        return plainDepth;
    }

    private static int rewrittenInCoroutine() {
        try {
            Coroutine.blockOn(() -> {
                try {
                    return rewritten(0, 1);
                } catch (StackOverflowError expected) {
                    return 0;
                }
            });
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return rewrittenDepth;
    }

    private static int plainOnThisOnce() {
        RecursionDepthTest r = new RecursionDepthTest();
        try {
            r.plainOnThis(0, 1);
        } catch (StackOverflowError expected) {
            // the depth reached is the measurement
        }
        return r.instanceDepth;
    }

    private static int rewrittenOnThisInCoroutine() {
        RecursionDepthTest r = new RecursionDepthTest();
        try {
            Coroutine.blockOn(() -> {
                try {
                    return r.rewrittenOnThis(0, 1);
                } catch (StackOverflowError expected) {
                    return 0;
                }
            });
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return r.instanceDepth;
    }

    private static int rewrittenOutsideCoroutine() {
        try {
            rewritten(0, 1);
        } catch (StackOverflowError expected) {
            // the depth reached is the measurement
        }
        return rewrittenDepth;
    }

    @Test
    void rewrittenRecursionDepthAgainstPlain() throws Exception {
        JavaProcess.Outcome o = JavaProcess.run(List.of("-Xint"), JavaProcess.agentJar(),
                System.getProperty("java.class.path"), Measure.class);
        Matcher m = Pattern.compile("depths (\\d+) (\\d+) (\\d+) (\\d+) (\\d+)").matcher(o.output());
        assertTrue(o.exitCode() == 0 && m.find(), "the child JVM printed no depths:\n" + o.output());
        int plain = Integer.parseInt(m.group(1));
        int inCoroutine = Integer.parseInt(m.group(2));
        int outside = Integer.parseInt(m.group(3));
        int plainOnThis = Integer.parseInt(m.group(4));
        int onThis = Integer.parseInt(m.group(5));
        String report = "stack " + STACK_BYTES / 1024 + " KiB, interpreted: plain " + plain + " frames, rewritten in a coroutine " + inCoroutine
                + " (" + percent(inCoroutine, plain) + "), rewritten outside any coroutine " + outside + " (" + percent(outside, plain) + ")"
                + "; on this: plain " + plainOnThis + ", rewritten in a coroutine " + onThis + " (" + percent(onThis, plainOnThis) + ")";
        System.out.println("[weft] recursion depth, " + report);
        assertTrue(inCoroutine >= FLOOR * plain, report);
        assertTrue(outside >= FLOOR * plain, report);
        assertTrue(onThis >= FLOOR * plainOnThis, report);
    }

    private static String percent(int a, int b) {
        return Math.round(100.0 * a / b) + " %";
    }
}
