package dev.weft.itest.jfr;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.jar.JarFile;
import jdk.jfr.Configuration;

/** Reads {@code weft.jfc} out of the agent jar the tests run with. */
final class WeftJfc {
    private WeftJfc() {
    }

    static Configuration load() throws Exception {
        String jar = System.getProperty("weft.agent.jar");
        try (JarFile j = new JarFile(jar)) {
            var entry = j.getJarEntry("weft.jfc");
            if (entry == null) {
                throw new AssertionError("weft.jfc is missing from " + jar);
            }
            try (Reader r = new InputStreamReader(j.getInputStream(entry), StandardCharsets.UTF_8)) {
                return Configuration.create(r);
            }
        }
    }
}
