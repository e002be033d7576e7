package dev.weft.itest.rules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a class of the test class path in a fresh JVM, with or without the agent. */
final class JavaProcess {
    /** What the child printed and how it ended. */
    record Outcome(int exitCode, String output) {
    }

    private JavaProcess() {
    }

    static String agentJar() {
        String jar = System.getProperty("weft.agent.jar");
        if (jar == null) {
            throw new IllegalStateException("weft.agent.jar is not set; run through Maven");
        }
        return Path.of(jar).toAbsolutePath().toString();
    }

    static Outcome run(String agentArg, Class<?> main, String... args) throws IOException, InterruptedException {
        return run(List.of(), agentArg, System.getProperty("java.class.path"), main, args);
    }

    /**
     * @param jvmArgs more JVM options, after the {@code -javaagent} of {@code agentArg}
     * @param agentArg the agent jar and its options, or null
     * @param classPath the child's class path
     */
    static Outcome run(List<String> jvmArgs, String agentArg, String classPath, Class<?> main, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (agentArg != null) {
            cmd.add("-javaagent:" + agentArg);
        }
        cmd.addAll(jvmArgs);
        if (Runtime.version().feature() >= 24) {
            cmd.add("--sun-misc-unsafe-memory-access=allow");
        }
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("child JVM did not finish: " + cmd);
        }
        return new Outcome(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
