package dev.weft.itest.harness;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.Map;

/**
 * Defines classes compiled in memory (parent first, as usual). It also serves their class
 * files as resources ({@link #getResourceAsStream(String)}, {@link #findResource(String)}),
 * because the agent's type pool reads class files through the defining loader to find out which
 * methods are suspendable.
 */
public final class InMemoryClassLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    /**
     * Every class file given to any in-memory loader in this JVM, so that
     * {@link TransformedClassesVerifyTest} can resolve the types of classes compiled at test time.
     */
    private static final Map<String, byte[]> ALL = new java.util.concurrent.ConcurrentHashMap<>();

    private final Map<String, byte[]> classes;

    /**
     * @param classes binary name to class file
     * @param parent the parent loader (one that sees the runtime and the harness)
     */
    public InMemoryClassLoader(Map<String, byte[]> classes, ClassLoader parent) {
        super("weft-itest-in-memory", parent);
        this.classes = classes;
        ALL.putAll(classes);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] b = classes.get(name);
        if (b == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, b, 0, b.length);
    }

    @Override
    public InputStream getResourceAsStream(String name) {
        byte[] b = bytesOf(name);
        return b != null ? new ByteArrayInputStream(b) : super.getResourceAsStream(name);
    }

    @Override
    protected URL findResource(String name) {
        byte[] b = bytesOf(name);
        if (b == null) {
            return null;
        }
        try {
            return new URL(null, "weft-mem:/" + name, new URLStreamHandler() {
                @Override
                protected URLConnection openConnection(URL u) {
                    return new URLConnection(u) {
                        @Override
                        public void connect() {
                        }

                        @Override
                        public InputStream getInputStream() {
                            return new ByteArrayInputStream(b);
                        }
                    };
                }
            });
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] bytesOf(String resource) {
        if (!resource.endsWith(".class")) {
            return null;
        }
        return classes.get(resource.substring(0, resource.length() - ".class".length()).replace('/', '.'));
    }

    /** @return a copy of every class file given to an in-memory loader in this JVM so far */
    static Map<String, byte[]> allCompiled() {
        return new java.util.HashMap<>(ALL);
    }

    /** @return the class files this loader defines */
    public Map<String, byte[]> classFiles() {
        return classes;
    }

}
