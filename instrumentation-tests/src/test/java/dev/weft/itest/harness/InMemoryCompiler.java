package dev.weft.itest.harness;

import dev.weft.Suspendable;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles Java sources in memory with {@link javax.tools.JavaCompiler}, against the runtime and
 * the test classes (so sources can use {@code @Suspendable}, {@link Src} and
 * {@link CaseDispatcher}), many compilation units per call.
 *
 * <pre>{@code
 * Map<String, byte[]> classes = new InMemoryCompiler("17").compile(Map.of("p.G1", source1, "p.G2", source2));
 * ClassLoader l = new InMemoryClassLoader(classes, InMemoryCompiler.class.getClassLoader());
 * }</pre>
 */
public final class InMemoryCompiler {
    private final String release;

    /** @param release the {@code --release} to compile for, such as "17" or "21" */
    public InMemoryCompiler(String release) {
        this.release = release;
    }

    /** Thrown when sources do not compile; the message holds javac's diagnostics. */
    public static final class CompilationFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final Set<String> failedUnits;

        CompilationFailed(String message, Set<String> failedUnits) {
            super(message);
            this.failedUnits = failedUnits;
        }

        /** @return the binary names of the units with errors */
        public Set<String> failedUnits() {
            return failedUnits;
        }
    }

    /**
     * @param sources binary name of each top-level class to its source
     * @return binary name to class file, nested classes included
     * @throws CompilationFailed with javac's diagnostics if any unit has an error
     */
    public Map<String, byte[]> compile(Map<String, String> sources) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no system Java compiler: run the tests on a JDK, not a JRE");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StandardJavaFileManager std = javac.getStandardFileManager(diagnostics, Locale.ROOT, null);
        Map<String, ByteArrayOutputStream> out = new LinkedHashMap<>();
        JavaFileManager fm = new ForwardingJavaFileManager<>(std) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                       FileObject sibling) {
                return new SimpleJavaFileObject(uri("mem:///" + className.replace('.', '/') + ".class"), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                        out.put(className, bytes);
                        return bytes;
                    }
                };
            }
        };
        List<JavaFileObject> units = new ArrayList<>();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            String text = e.getValue();
            units.add(new SimpleJavaFileObject(uri("string:///" + e.getKey().replace('.', '/') + ".java"),
                    JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return text;
                }
            });
        }
        List<String> options = List.of("--release", release, "-classpath", classPath(), "-proc:none", "-g",
                "-Xlint:none", "-nowarn");
        boolean ok = javac.getTask(null, fm, diagnostics, options, null, units).call();
        try {
            fm.close();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (!ok) {
            StringBuilder sb = new StringBuilder("javac --release " + release + " failed:");
            Set<String> failed = new LinkedHashSet<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    String unit = d.getSource() == null ? "?" : d.getSource().toUri().getPath();
                    unit = unit.substring(1, unit.length() - ".java".length()).replace('/', '.');
                    failed.add(unit);
                    sb.append("\n  ").append(unit).append(':').append(d.getLineNumber()).append(": ")
                            .append(d.getMessage(Locale.ROOT));
                }
            }
            throw new CompilationFailed(sb.toString(), failed);
        }
        Map<String, byte[]> classes = new LinkedHashMap<>();
        out.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
        return classes;
    }

    /**
     * The class path javac sees: the locations of the runtime and of the test classes (surefire's
     * {@code java.class.path} may be a manifest-only jar), then {@code java.class.path}.
     */
    private static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> c : new Class<?>[] {Suspendable.class, InMemoryCompiler.class}) {
            try {
                entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!e.isEmpty()) {
                entries.add(e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static URI uri(String s) {
        return URI.create(s);
    }
}
