package dev.weft.agent.install;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's options, parsed from {@code -javaagent:weft-agent.jar=opt1,opt2=value,...}, or,
 * when that gives none, from the system property {@code weft.agent.options} (same syntax; for
 * jars that attach the agent through a {@code Launcher-Agent-Class} manifest entry).
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
 * <p>Rules: an empty or blank option string means the defaults. Otherwise every item must be
 * non-empty: {@code verify,,debug}, a trailing {@code ,}, {@code include=} and
 * {@code include=a::b} are all rejected, since an empty item is almost always a typo or an unset
 * shell variable. Items may repeat; {@code include} and {@code exclude} lists accumulate, a
 * second {@code dump} with another directory is rejected, and an {@code include} prefix that an
 * {@code exclude} prefix covers (the same prefix, or a longer one) is rejected because it could
 * never take effect. Example:
 * <pre>{@code
 * AgentOptions o = AgentOptions.parse("verify,include=com.example.app,exclude=com.example.app.gen");
 * }</pre>
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
            String[] items = args.split(",", -1);
            for (int n = 0; n < items.length; n++) {
                String opt = items[n].trim();
                if (opt.isEmpty()) {
                    throw new IllegalArgumentException("Weft agent: option " + (n + 1) + " of '" + args + "' is empty; " + USAGE);
                }
                int eq = opt.indexOf('=');
                String key = eq < 0 ? opt : opt.substring(0, eq).trim();
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
                    case "dump" -> {
                        Path p = Path.of(required(key, value));
                        if (dump != null && !dump.equals(p)) {
                            throw new IllegalArgumentException("Weft agent: option 'dump' is given twice, as '" + dump + "' and '"
                                    + p + "'; " + USAGE);
                        }
                        dump = p;
                    }
                    case "include" -> includes.addAll(prefixes(key, required(key, value)));
                    case "exclude" -> excludes.addAll(prefixes(key, required(key, value)));
                    default -> throw new IllegalArgumentException("Weft agent: unknown option '" + opt + "'; " + USAGE);
                }
            }
        }
        for (String in : includes) {
            for (String ex : excludes) {
                if (in.startsWith(ex)) {
                    throw new IllegalArgumentException("Weft agent: include=" + in + " can never take effect because exclude=" + ex
                            + " covers it; drop one of them");
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
        for (String p : value.split(":", -1)) {
            String prefix = p.trim();
            if (prefix.isEmpty()) {
                throw new IllegalArgumentException("Weft agent: option '" + key + "=" + value + "' has an empty package prefix; "
                        + USAGE);
            }
            if (!prefix.matches("[\\p{javaJavaIdentifierPart}.$]+")) {
                throw new IllegalArgumentException("Weft agent: option '" + key + "' has a malformed package prefix '" + p
                        + "' (expected something like com.example.app); " + USAGE);
            }
            out.add(prefix);
        }
        return out;
    }
}
