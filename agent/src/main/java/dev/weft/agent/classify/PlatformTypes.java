package dev.weft.agent.classify;

import java.util.List;

/**
 * Which types are the JDK's: their methods are never suspendable, their class files are never
 * rewritten and never read for facts. One definition for the index, the class filter and the
 * screen. JDK dynamic proxies ({@code jdk.proxy1.$Proxy12}) are not: they implement
 * application interfaces and forward their suspendable methods.
 */
public final class PlatformTypes {
    /** Internal-name prefixes of the JDK's packages. */
    public static final List<String> PREFIXES = List.of("java/", "javax/", "jdk/", "sun/", "com/sun/");

    /** Package prefix of the JDK's dynamic proxy classes of public interfaces. */
    public static final String JDK_PROXIES = "jdk/proxy";

    private PlatformTypes() {
    }

    /**
     * @param internalName a type's internal name, or an array descriptor
     * @return true for an array or a JDK type other than a dynamic proxy
     */
    public static boolean isPlatform(String internalName) {
        if (internalName.startsWith("[")) {
            return true;
        }
        return !internalName.startsWith(JDK_PROXIES) && startsWithAny(internalName, PREFIXES);
    }

    /**
     * A plain loop, not a stream: the agent's filter runs from JVM start-up, where each lambda
     * costs.
     *
     * @return true if {@code name} starts with one of {@code prefixes}
     */
    public static boolean startsWithAny(String name, List<String> prefixes) {
        for (String p : prefixes) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
