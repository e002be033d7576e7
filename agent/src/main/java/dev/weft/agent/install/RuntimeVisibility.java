package dev.weft.agent.install;

import dev.weft.agent.abi.RuntimeAbi;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Which class loaders can see the Weft runtime. Rewritten code, even the one-line entry disarm
 * of an override, calls {@code Continuation}; a class defined by a loader that cannot find it
 * would fail with {@code NoClassDefFoundError} the first time it ran, and a class that names
 * Weft there cannot use it anyway. So the agent leaves every class of such a loader alone
 * without reading it: a library loaded beside the application but without Weft on its loader's
 * path (a plug-in, a build tool's or a test framework's own loader) costs one lookup per loader.
 *
 * <p>Each loader is asked once, through {@link ClassLoader#getResource}, as delegation and
 * shadowing are the loader's own. A "no" is forgotten whenever any runtime class is defined
 * ({@link #defining}): a loader whose path grows to include the runtime (an {@code addURL}, a
 * class path appended by an agent) is asked again once the runtime is in use. What such a loader
 * defined before is not remembered, so a child loader reads those class files itself. The
 * bootstrap loader (null) is taken to see it: only the JDK, already filtered out, and an
 * appended boot class path load there.
 */
final class RuntimeVisibility {
    private static final String PROBE = RuntimeAbi.CONTINUATION + ".class";
    private static final String RUNTIME_PREFIX = "dev/weft/";

    /** Values never refer to their key: the map holds no loader strongly. */
    private final Map<ClassLoader, Boolean> answers = new WeakHashMap<>();

    /**
     * @param loader a defining class loader (null: bootstrap)
     * @return true if classes of that loader can call the runtime
     */
    boolean seesRuntime(ClassLoader loader) {
        if (loader == null) {
            return true;
        }
        synchronized (answers) {
            Boolean known = answers.get(loader);
            if (known != null) {
                return known;
            }
        }
        boolean sees;
        try {
            sees = loader.getResource(PROBE) != null;
        } catch (RuntimeException e) {
            sees = true; // a loader that cannot answer is treated as one that can see it: analysed as before
        }
        synchronized (answers) {
            answers.put(loader, sees);
        }
        return sees;
    }

    /**
     * Called for every class about to be defined; forgets every "no" when it is a runtime class.
     *
     * @param internalName the class's internal name
     */
    void defining(String internalName) {
        if (internalName.startsWith(RUNTIME_PREFIX) && !internalName.startsWith("dev/weft/agent/")) {
            synchronized (answers) {
                answers.values().removeIf(sees -> !sees);
            }
        }
    }
}
