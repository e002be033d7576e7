package dev.weft.agent.cli;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * {@code java -jar weft-agent.jar <command> ...}: the agent jar's command line, for build tools
 * that have no Weft plug-in.
 *
 * <pre>{@code
 * java -jar weft-agent.jar instrument build/classes/java/main --classpath lib/weft-runtime.jar:lib/other.jar
 * }</pre>
 */
public final class Main {
    private Main() {
    }

    /**
     * Runs a command and exits with its status (0 done, 1 refused or failed, 2 bad usage).
     *
     * @param args the command and its arguments
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs a command.
     *
     * @param args the command and its arguments
     * @param out where progress goes
     * @param err where errors go
     * @return the exit status
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0 && args[0].equals("instrument")) {
            return InstrumentCommand.run(Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        err.println(args.length == 0 ? "Weft: no command given." : "Weft: unknown command: " + args[0]);
        err.println(InstrumentCommand.USAGE);
        err.println("To rewrite classes at load time instead, start the JVM with -javaagent:weft-agent.jar");
        return InstrumentCommand.USAGE_ERROR;
    }
}
