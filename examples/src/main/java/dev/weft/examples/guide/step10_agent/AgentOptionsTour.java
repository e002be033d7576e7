package dev.weft.examples.guide.step10_agent;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Guide step 10: the agent's options, and running without it. Starts two JVMs with this one's
 * class path: one without the agent ({@link NoAgent}), and one with
 * {@code -javaagent:weft-agent.jar=verify,debug,dump=<dir>,include=...} ({@link Pinned}), and
 * prints what each says, the classes the agent rewrote (from {@code debug}) and the files it
 * dumped.
 *
 * <pre>
 * java -javaagent:agent/target/weft-agent-0.1.0-SNAPSHOT.jar \
 *      -cp runtime/target/classes:examples/target/classes dev.weft.examples.guide.step10_agent.AgentOptionsTour
 * </pre>
 */
public final class AgentOptionsTour {
    private final PrintStream out;

    AgentOptionsTour(PrintStream out) {
        this.out = out;
    }

    /** @return the agent jar this JVM was started with */
    static String agentJar() {
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-javaagent:") && arg.contains("weft-agent")) {
                String jar = arg.substring("-javaagent:".length());
                int eq = jar.indexOf('=');
                return eq < 0 ? jar : jar.substring(0, eq);
            }
        }
        throw new IllegalStateException("start this example with -javaagent:agent/target/weft-agent-0.1.0-SNAPSHOT.jar");
    }

    /** What a child JVM wrote: standard output, then the agent's log lines from standard error. */
    record Output(List<String> stdout, List<String> log) {
    }

    /** Runs {@code main} in a new JVM with this JVM's class path and waits for it. */
    static Output java(List<String> jvmOptions, Class<?> main) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:TieredStopAtLevel=1");                  // start faster
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        Path err = Files.createTempFile("weft-guide", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            List<String> log = Files.readAllLines(err);
            if (p.waitFor() != 0) {
                throw new IllegalStateException(main.getSimpleName() + " exited with " + p.exitValue() + ":\n" + text + log);
            }
            return new Output(text.lines().toList(), log);
        } finally {
            Files.deleteIfExists(err);
        }
    }

    void run() throws Exception {
        out.println("$ java -cp ... " + NoAgent.class.getName());
        for (String line : java(List.of(), NoAgent.class).stdout()) {
            out.println("| " + line);
        }

        Path dump = Files.createTempDirectory("weft-dump");
        String options = "verify,debug,dump=" + dump + ",include=dev.weft";
        out.println("$ java -javaagent:weft-agent.jar=verify,debug,dump=<dir>,include=dev.weft -cp ... " + Pinned.class.getName());
        Output pinned = java(List.of("-javaagent:" + agentJar() + "=" + options), Pinned.class);
        for (String line : pinned.stdout()) {
            out.println("| " + line);
        }
        out.println("what 'debug' logged:");
        for (String line : pinned.log()) {
            if (line.contains("Weft rewrote")) {
                out.println("  " + line.substring(line.indexOf("Weft rewrote")));
            }
        }
        out.println("dumped class files under <dir>:");
        try (Stream<Path> files = Files.walk(dump)) {
            List<Path> classes = files.filter(f -> f.toString().endsWith(".class")).sorted(Comparator.naturalOrder()).toList();
            for (Path f : classes) {
                out.println("  " + dump.relativize(f));
            }
            for (Path f : classes) {
                Files.delete(f);
            }
        }
        try (Stream<Path> dirs = Files.walk(dump)) {
            for (Path d : dirs.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(d);
            }
        }
    }

    /**
     * Runs the example.
     *
     * @param args unused
     * @throws Exception if it fails
     */
    public static void main(String[] args) throws Exception {
        new AgentOptionsTour(System.out).run();
    }
}
