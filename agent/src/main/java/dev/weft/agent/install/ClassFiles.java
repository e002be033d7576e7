package dev.weft.agent.install;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.ZipFile;

/**
 * Reads the header of a class file the way its loader would find it, without loading the class
 * and without inflating more of it than {@link ClassHeader#read(InputStream, long)} asks: the loader's
 * {@link ClassLoader#getResource} says where (so delegation and shadowing are the loader's own),
 * and a class inside a jar is then read straight from a {@link JarFile} this reader keeps open
 * for that loader. Opening a {@code jar:} URL costs about ten times the lookup (a
 * {@code JarURLConnection} per call); the screen reads hundreds of supertypes in a large library.
 *
 * <p>The open jars are kept per loader in a {@link WeakHashMap}: they hold no reference to the
 * loader, and are closed by their cleaner once the loader is collected.
 */
final class ClassFiles {
    private static final Object BOOT = new Object();
    private static final String JAR_SEPARATOR = "!/";

    private final Map<Object, Map<String, JarFile>> jars = new WeakHashMap<>();

    /**
     * @param loader the loader to look through (null: bootstrap, through the system loader)
     * @param internalName a class's internal name
     * @return its header, or null if the loader has no such class file or it is malformed
     * @throws IOException if it exists but cannot be read
     */
    ClassHeader header(ClassLoader loader, String internalName) throws IOException {
        String resource = internalName + ".class";
        URL url = loader == null ? ClassLoader.getSystemResource(resource) : loader.getResource(resource);
        if (url == null) {
            return null;
        }
        String spec = url.toString();
        int sep = spec.indexOf(JAR_SEPARATOR);
        if (url.getProtocol().equals("jar") && spec.startsWith("jar:file:") && sep > 0) {
            JarFile jar = jar(loader, spec.substring("jar:".length(), sep));
            JarEntry entry = jar == null ? null : jar.getJarEntry(spec.substring(sep + JAR_SEPARATOR.length()));
            if (entry != null) {
                try (InputStream in = jar.getInputStream(entry)) {
                    return ClassHeader.read(in, entry.getSize());
                }
            }
        }
        try (InputStream in = url.openStream()) {
            return ClassHeader.read(in, 0);
        }
    }

    private JarFile jar(ClassLoader loader, String fileUrl) {
        Map<String, JarFile> open;
        Object key = loader == null ? BOOT : loader;
        synchronized (jars) {
            open = jars.get(key);
            if (open == null) {
                open = new ConcurrentHashMap<>();
                jars.put(key, open);
            }
        }
        JarFile jar = open.get(fileUrl);
        if (jar == null) {
            try {
                jar = new JarFile(Path.of(new java.net.URI(fileUrl)).toFile(), false, ZipFile.OPEN_READ, Runtime.version());
            } catch (IOException | RuntimeException | java.net.URISyntaxException e) {
                return null; // read through the URL instead
            }
            JarFile raced = open.putIfAbsent(fileUrl, jar);
            if (raced != null) {
                closeQuietly(jar);
                jar = raced;
            }
        }
        return jar;
    }

    private static void closeQuietly(JarFile jar) {
        try {
            jar.close();
        } catch (IOException ignored) {
            // a second handle on a jar already open; nothing was read from it
        }
    }
}
