package dev.weft.agent.install;

import java.util.List;

/**
 * Decides from a class's name alone whether the agent may look at it: never the JDK, the agent
 * itself or the hand-written protocol classes of the runtime; then the user's
 * {@code include=}/{@code exclude=} prefixes.
 */
public final class ClassFilter {
    private static final List<String> NEVER = List.of(
            "java/", "javax/", "jdk/", "sun/", "com/sun/", "dev/weft/agent/", "dev/weft/coroutine/abi/",
            "org/junit/", "org/opentest4j/", "org/apiguardian/", "org/apache/maven/", "kotlin/", "kotlinx/",
            "org/jetbrains/kotlinx/lincheck/", "org/jetbrains/lincheck/", "org/openjdk/jmh/", "net/bytebuddy/", "org/objectweb/asm/");

    /** Package of the JDK's dynamic proxy classes of public interfaces ({@code jdk.proxy1.$Proxy12}). */
    private static final String JDK_PROXIES = "jdk/proxy";

    private final List<String> includes;
    private final List<String> excludes;

    /**
     * @param includes binary-name prefixes to rewrite (empty: all)
     * @param excludes binary-name prefixes never to rewrite
     */
    public ClassFilter(List<String> includes, List<String> excludes) {
        this.includes = includes.stream().map(p -> p.replace('.', '/')).toList();
        this.excludes = excludes.stream().map(p -> p.replace('.', '/')).toList();
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
        return rest.indexOf('/') < 0 || RUNTIME_PACKAGES.stream().anyMatch(rest::startsWith);
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
        if (internalName.startsWith(JDK_PROXIES)) {
            return true; // generated forwarders: a suspendable interface method's entry must consume the token
        }
        for (String p : NEVER) {
            if (internalName.startsWith(p)) {
                return false;
            }
        }
        for (String p : excludes) {
            if (internalName.startsWith(p)) {
                return false;
            }
        }
        if (includes.isEmpty() || isRuntime(internalName)) {
            return true;   // the runtime's own suspendable methods (sleep, join, recv...) always
        }
        for (String p : includes) {
            if (internalName.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
