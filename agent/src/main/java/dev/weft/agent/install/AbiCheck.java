package dev.weft.agent.install;

import dev.weft.agent.abi.RuntimeAbi;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.security.CodeSource;
import java.security.ProtectionDomain;

/**
 * The agent's half of the ABI handshake with the runtime. The runtime's
 * {@code dev.weft.coroutine.abi.AbiVersion} carries its {@code VERSION} as a constant; the agent
 * compares it with the version it was compiled against ({@link RuntimeAbi#VERSION}): at
 * start-up for a runtime on the system class path ({@link #checkSystemClassPath()}, which stops
 * the JVM on a mismatch), and whenever a class loader defines that class. After a mismatch the
 * agent rewrites nothing more (generated code would name members that runtime may not have);
 * the runtime refuses on its side too, before it runs a coroutine.
 */
public final class AbiCheck {
    private static final String CARRIER = RuntimeAbi.ABI_PACKAGE + "AbiVersion";
    private static final String FIELD = "VERSION";

    private volatile boolean mismatched;

    /**
     * Reads the version of the runtime the system class loader sees, if any.
     *
     * @throws IllegalStateException naming both versions if they differ
     */
    public static void checkSystemClassPath() {
        try (InputStream in = ClassLoader.getSystemResourceAsStream(CARRIER + ".class")) {
            if (in != null) {
                String message = mismatch(in.readAllBytes(), "on the class path");
                if (message != null) {
                    throw new IllegalStateException(message);
                }
            }
        } catch (IOException e) {
            AgentLog.log(Level.WARNING, "Weft could not read the runtime's ABI version: " + e);
        }
    }

    /** @return true once some runtime was found to speak another ABI version */
    boolean mismatched() {
        return mismatched;
    }

    /**
     * @param internalName a class being defined
     * @return true if it is the runtime class that carries the ABI version
     */
    boolean isVersionCarrier(String internalName) {
        return internalName.equals(CARRIER);
    }

    /**
     * @param classFile the class file of the version carrier
     * @param domain where it comes from
     */
    void check(byte[] classFile, ProtectionDomain domain) {
        CodeSource source = domain == null ? null : domain.getCodeSource();
        String message = mismatch(classFile, source == null || source.getLocation() == null ? "" : "from " + source.getLocation());
        if (message != null && !mismatched) {
            mismatched = true;
            AgentLog.log(Level.ERROR, message + "; the agent rewrites no more classes");
        }
    }

    private static String mismatch(byte[] classFile, String where) {
        Integer runtime = ClassHeader.intConstant(classFile, FIELD);
        if (runtime != null && runtime == RuntimeAbi.VERSION) {
            return null;
        }
        return "The Weft runtime " + where + " speaks ABI version " + (runtime == null ? "unknown" : runtime)
                + ", but this Weft agent was built for ABI version " + RuntimeAbi.VERSION
                + ": use the agent jar of the same Weft release as the weft-runtime dependency";
    }
}
