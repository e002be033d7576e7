package dev.weft.agent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's options, parsed from {@code -javaagent:weft-agent.jar=opt1,opt2=value,...}.
 *
 * <ul>
 *   <li>{@code verify}: an await that cannot suspend because an uninstrumented frame is in the
 *       way throws {@code SuspensionPinnedException} instead of blocking with a warning.</li>
 *   <li>{@code dump=<dir>}: write every transformed class file under {@code dir}.</li>
 *   <li>{@code include=<prefix>[:<prefix>...]}: only rewrite classes whose binary name starts with
 *       one of the prefixes.</li>
 *   <li>{@code exclude=<prefix>[:<prefix>...]}: never rewrite classes with these prefixes.</li>
 *   <li>{@code debug}: log every transformed method.</li>
 * </ul>
 *
 * @param verify see above
 * @param dumpDir see above, or null
 * @param includes see above; empty means everything
 * @param excludes see above
 * @param debug see above
 */
public record AgentOptions(boolean verify, Path dumpDir, List<String> includes, List<String> excludes, boolean debug) {
    /** One line per option, for error messages and the README. */
    public static final String USAGE = "valid options: verify | dump=<dir> | include=<pkg.prefix>[:<prefix>...]"
            + " | exclude=<pkg.prefix>[:<prefix>...] | debug ; separate options with ','";

    /**
     * Parses the agent argument.
     *
     * @param args the text after '=' in {@code -javaagent:...=}, or null
     * @return the options
     * @throws IllegalArgumentException naming the bad option and listing the valid ones
     */
    public static AgentOptions parse(String args) {
        boolean verify = false;
        boolean debug = false;
        Path dump = null;
        List<String> includes = new ArrayList<>();
        List<String> excludes = new ArrayList<>();
        if (args != null && !args.isBlank()) {
            for (String raw : args.split(",")) {
                String opt = raw.trim();
                int eq = opt.indexOf('=');
                String key = eq < 0 ? opt : opt.substring(0, eq);
                String value = eq < 0 ? null : opt.substring(eq + 1).trim();
                switch (key) {
                    case "verify" -> {
                        noValue(key, value);
                        verify = true;
                    }
                    case "debug" -> {
                        noValue(key, value);
                        debug = true;
                    }
                    case "dump" -> dump = Path.of(required(key, value));
                    case "include" -> includes.addAll(prefixes(key, required(key, value)));
                    case "exclude" -> excludes.addAll(prefixes(key, required(key, value)));
                    default -> throw new IllegalArgumentException("Weft agent: unknown option '" + opt + "'; " + USAGE);
                }
            }
        }
        return new AgentOptions(verify, dump, List.copyOf(includes), List.copyOf(excludes), debug);
    }

    private static void noValue(String key, String value) {
        if (value != null) {
            throw new IllegalArgumentException("Weft agent: option '" + key + "' takes no value, got '" + key + "=" + value + "'; " + USAGE);
        }
    }

    private static String required(String key, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("Weft agent: option '" + key + "' needs a value ('" + key + "=...'); " + USAGE);
        }
        return value;
    }

    private static List<String> prefixes(String key, String value) {
        List<String> out = new ArrayList<>();
        for (String p : value.split(":")) {
            String prefix = p.trim();
            if (prefix.isEmpty() || !prefix.matches("[\\p{javaJavaIdentifierPart}.$]+")) {
                throw new IllegalArgumentException("Weft agent: option '" + key + "' has a malformed package prefix '" + p
                        + "' (expected something like com.example.app); " + USAGE);
            }
            out.add(prefix);
        }
        return out;
    }
}
