package dev.weft.agent.install;

import dev.weft.agent.classify.PlatformTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides from a class's name alone whether the agent may look at it: never the JDK, the agent
 * itself or the hand-written protocol classes of the runtime; then the user's
 * {@code include=}/{@code exclude=} prefixes.
 */
public final class ClassFilter {
    private static final List<String> NEVER = withPlatform(
            "dev/weft/agent/", "dev/weft/coroutine/abi/",
            "org/junit/", "org/opentest4j/", "org/apiguardian/", "org/apache/maven/", "kotlin/", "kotlinx/",
            "org/jetbrains/kotlinx/lincheck/", "org/jetbrains/lincheck/", "org/openjdk/jmh/", "net/bytebuddy/", "org/objectweb/asm/");

    private final List<String> includes;
    private final List<String> excludes;

    /**
     * @param includes binary-name prefixes to rewrite (empty: all)
     * @param excludes binary-name prefixes never to rewrite
     */
    public ClassFilter(List<String> includes, List<String> excludes) {
        this.includes = internalNames(includes);
        this.excludes = internalNames(excludes);
    }

    /**
     * The runtime's own packages, rewritten whatever {@code include=} says: without them every
     * {@code Time.sleep}, {@code join} or {@code recv} would block instead of suspending.
     */
    private static boolean isRuntime(String internalName) {
        if (!internalName.startsWith("dev/weft/")) {
            return false;
        }
        String rest = internalName.substring("dev/weft/".length());
        return rest.indexOf('/') < 0 || PlatformTypes.startsWithAny(rest, RUNTIME_PACKAGES);
    }

    private static List<String> withPlatform(String... more) {
        List<String> all = new ArrayList<>(PlatformTypes.PREFIXES);
        all.addAll(List.of(more));
        return List.copyOf(all);
    }

    private static List<String> internalNames(List<String> binaryPrefixes) {
        String[] out = new String[binaryPrefixes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = binaryPrefixes.get(i).replace('.', '/');
        }
        return List.of(out);
    }

    private static final List<String> RUNTIME_PACKAGES = List.of(
            "future/", "time/", "net/", "fs/", "sync/", "internal/");

    /**
     * @param internalName the class's internal name, or null for hidden/anonymous classes
     * @return true if the agent may rewrite it
     */
    public boolean accepts(String internalName) {
        if (internalName == null) {
            return false;
        }
        if (internalName.startsWith(PlatformTypes.JDK_PROXIES)) {
            return true; // generated forwarders: a suspendable interface method's entry must consume the token
        }
        if (PlatformTypes.startsWithAny(internalName, NEVER) || PlatformTypes.startsWithAny(internalName, excludes)) {
            return false;
        }
        // the runtime's own suspendable methods (sleep, join, recv...) always
        return includes.isEmpty() || isRuntime(internalName) || PlatformTypes.startsWithAny(internalName, includes);
    }
}
