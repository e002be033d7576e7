package dev.weft.itest.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Coroutine;
import dev.weft.Suspendable;
import dev.weft.coroutine.abi.Instrumented;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/** The agent's behaviour at JVM start-up, each case in a fresh JVM. */
class AgentStartupTest {
    /** The child program: reports whether its class was rewritten and whether a coroutine runs. */
    public static final class Child {
        @Suspendable
        static String work() {
            CompletableFuture<String> f = CompletableFuture.supplyAsync(() -> "value",
                    CompletableFuture.delayedExecutor(10, TimeUnit.MILLISECONDS));
            return Async.await(f);
        }

        public static void main(String[] args) throws Exception {
            System.out.println("rewritten=" + Child.class.isAnnotationPresent(Instrumented.class));
            System.out.println("runtime rewritten=" + dev.weft.time.Time.class.isAnnotationPresent(Instrumented.class));
            System.out.println("plain=" + work());
            try {
                System.out.println("coroutine=" + Coroutine.blockOn(Child::work));
            } catch (Exception e) {
                System.out.println("error=" + e);
            }
            System.out.println("suspended=" + firstPollSuspends());
        }

        /**
         * Polls a coroutine whose await is pending by construction (its future completes only once
         * something waits on it): true if that poll returned pending, false if the await blocked.
         */
        static String firstPollSuspends() {
            CompletableFuture<String> gate = new CompletableFuture<>();
            Thread completer = new Thread(() -> {
                while (gate.getNumberOfDependents() == 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(200_000);
                }
                gate.complete("value");
            });
            completer.setDaemon(true);
            completer.start();
            try {
                Coroutine<String> c = Coroutine.of(() -> Async.await(gate));
                boolean pending = c.poll(dev.weft.future.Waker.NOOP).isPending();
                return pending + " then=" + Async.await(c);
            } catch (Exception e) {
                return "failed " + e.getClass().getSimpleName();
            }
        }
    }

    @Test
    void unknownOptionStopsTheJvmNamingItAndTheValidOnes() throws Exception {
        JavaProcess.Outcome o = JavaProcess.run(JavaProcess.agentJar() + "=verify,turbo", Child.class);
        assertNotEquals(0, o.exitCode(), o.output());
        assertTrue(o.output().contains("unknown option 'turbo'"), o.output());
        assertTrue(o.output().contains("valid options: verify | dump=<dir> | include="), o.output());
        assertTrue(!o.output().contains("plain="), "main must not run: " + o.output());
    }

    @Test
    void malformedOptionStopsTheJvm() throws Exception {
        JavaProcess.Outcome o = JavaProcess.run(JavaProcess.agentJar() + "=include=com/example", Child.class);
        assertNotEquals(0, o.exitCode(), o.output());
        assertTrue(o.output().contains("malformed package prefix 'com/example'"), o.output());
    }

    @Test
    void withoutTheAgentNothingIsRewrittenAndACoroutineSaysHowToAttachIt() throws Exception {
        JavaProcess.Outcome o = JavaProcess.run(null, Child.class);
        assertEquals(0, o.exitCode(), o.output());
        assertTrue(o.output().contains("rewritten=false"), o.output());
        assertTrue(o.output().contains("plain=value"), o.output());
        assertTrue(o.output().contains("error=dev.weft.AgentNotAttachedException: the Weft agent is not attached"), o.output());
        assertTrue(o.output().contains("-javaagent:"), o.output());
    }

    @Test
    void withTheAgentTheClassIsRewrittenAndRuns() throws Exception {
        JavaProcess.Outcome o = JavaProcess.run(JavaProcess.agentJar() + "=debug", Child.class);
        assertEquals(0, o.exitCode(), o.output());
        assertTrue(o.output().contains("rewritten=true"), o.output());
        assertTrue(o.output().contains("coroutine=value"), o.output());
        assertTrue(o.output().contains("suspended=true then=value"), "the await suspended: " + o.output());
        assertTrue(o.output().contains("Weft rewrote " + Child.class.getName() + ".work()Ljava/lang/String; (1 suspension point)"), o.output());
    }

    @Test
    void excludedClassesAreNotRewritten() throws Exception {
        JavaProcess.Outcome o = JavaProcess.run(JavaProcess.agentJar() + "=exclude=dev.weft.itest.rules.AgentStartupTest", Child.class);
        assertEquals(0, o.exitCode(), o.output());
        assertTrue(o.output().contains("rewritten=false"), o.output());
        assertTrue(o.output().contains("plain=value"), o.output());
        // the root lambda is not rewritten either, so the await blocks instead of suspending; the result is the same
        assertTrue(o.output().contains("coroutine=value"), o.output());
    }

    @Test
    void includeLimitsRewritingToThePrefixes() throws Exception {
        JavaProcess.Outcome o = JavaProcess.run(JavaProcess.agentJar() + "=include=com.example", Child.class);
        assertEquals(0, o.exitCode(), o.output());
        assertTrue(o.output().contains("rewritten=false"), o.output());
        assertTrue(o.output().contains("runtime rewritten=true"), "Weft's own classes are always rewritten: " + o.output());
    }

    private static void assertStopsNaming(JavaProcess.Outcome o, String text) {
        assertNotEquals(0, o.exitCode(), o.output());
        assertTrue(o.output().contains(text), o.output());
        assertTrue(!o.output().contains("plain="), "main must not run: " + o.output());
    }

    @Test
    void anEmptyItemStopsTheJvm() throws Exception {
        assertStopsNaming(JavaProcess.run(JavaProcess.agentJar() + "=verify,,debug", Child.class), "option 2 of 'verify,,debug' is empty");
    }

    @Test
    void includeAndExcludeOfTheSamePrefixStopTheJvm() throws Exception {
        assertStopsNaming(JavaProcess.run(JavaProcess.agentJar() + "=include=com.example,exclude=com.example", Child.class),
                "include=com.example can never take effect because exclude=com.example covers it");
    }

    @Test
    void aDumpDirectoryThatCannotBeCreatedStopsTheJvm(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "not a directory");
        String dump = file.resolve("dump").toString();
        assertStopsNaming(JavaProcess.run(JavaProcess.agentJar() + "=dump=" + dump, Child.class),
                "option 'dump=" + dump + "': the directory cannot be created");
    }

    @Test
    void optionsComeFromTheSystemPropertyWhenTheFlagHasNone() throws Exception {
        JavaProcess.Outcome o = JavaProcess.run(List.of("-Dweft.agent.options=debug,exclude=dev.weft.itest.rules.AgentStartupTest"),
                JavaProcess.agentJar(), System.getProperty("java.class.path"), Child.class);
        assertEquals(0, o.exitCode(), o.output());
        assertTrue(o.output().contains("rewritten=false"), o.output());
        // the exclude came from the property (rewritten=false); the runtime arrives rewritten at build time, so
        // 'debug' has nothing of it to log here, and the bad value below shows the property is parsed
        JavaProcess.Outcome bad = JavaProcess.run(List.of("-Dweft.agent.options=turbo"), JavaProcess.agentJar(),
                System.getProperty("java.class.path"), Child.class);
        assertStopsNaming(bad, "unknown option 'turbo'");
    }

    @Test
    void theFlagWinsOverThePropertyWithAWarning() throws Exception {
        JavaProcess.Outcome o = JavaProcess.run(List.of("-Dweft.agent.options=exclude=dev.weft.itest.rules.AgentStartupTest"),
                JavaProcess.agentJar() + "=verify", System.getProperty("java.class.path"), Child.class);
        assertEquals(0, o.exitCode(), o.output());
        assertTrue(o.output().contains("rewritten=true"), o.output());
        assertTrue(o.output().contains("-Dweft.agent.options=exclude=dev.weft.itest.rules.AgentStartupTest is ignored"), o.output());
    }

    @Test
    void aSecondAgentWithOtherOptionsWarnsAndTheFirstOnesStay() throws Exception {
        JavaProcess.Outcome o = JavaProcess.run(List.of("-javaagent:" + JavaProcess.agentJar() + "=exclude=dev.weft.itest"),
                JavaProcess.agentJar() + "=debug", System.getProperty("java.class.path"), Child.class);
        assertEquals(0, o.exitCode(), o.output());
        assertTrue(o.output().contains("The Weft agent is attached twice"), o.output());
        assertTrue(o.output().contains("rewritten=true"), "the first agent's options are kept: " + o.output());
        JavaProcess.Outcome same = JavaProcess.run(List.of("-javaagent:" + JavaProcess.agentJar()),
                JavaProcess.agentJar(), System.getProperty("java.class.path"), Child.class);
        assertEquals(0, same.exitCode(), same.output());
        assertTrue(!same.output().contains("attached twice"), "the same options twice are fine: " + same.output());
    }

    @Test
    void aRuntimeOfAnotherAbiVersionStopsTheJvm(@TempDir Path tmp) throws Exception {
        ClassWriter w = new ClassWriter(0);
        w.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL, "dev/weft/coroutine/abi/AbiVersion", null, "java/lang/Object", null);
        w.visitField(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC | Opcodes.ACC_FINAL, "VERSION", "I", null, 999).visitEnd();
        w.visitEnd();
        Path file = tmp.resolve("dev/weft/coroutine/abi/AbiVersion.class");
        Files.createDirectories(file.getParent());
        Files.write(file, w.toByteArray());
        JavaProcess.Outcome o = JavaProcess.run(List.of(), JavaProcess.agentJar(),
                tmp + File.pathSeparator + System.getProperty("java.class.path"), Child.class);
        assertStopsNaming(o, "The Weft runtime on the class path speaks ABI version 999, but this Weft agent was built for ABI version "
                + dev.weft.coroutine.abi.AbiNames.VERSION);
    }
}
