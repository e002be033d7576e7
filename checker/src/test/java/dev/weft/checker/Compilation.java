package dev.weft.checker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles sources in-process with javac and {@code -Xplugin:Weft}, the checker found through its
 * {@code META-INF/services} entry on the class path, as a build finds it.
 */
final class Compilation {
    private static final Pattern CLASS_NAME = Pattern.compile("(?:class|interface|record|enum)\\s+(\\w+)");

    /** One diagnostic, reduced to what the tests assert. */
    record Reported(Diagnostic.Kind kind, String file, long line, String message) {
        @Override
        public String toString() {
            return kind + " " + file + ":" + line + " " + message;
        }
    }

    private final List<Reported> diagnostics;

    private Compilation(List<Reported> diagnostics) {
        this.diagnostics = diagnostics;
    }

    /**
     * Compiles one source, named after its first top-level type.
     *
     * @param plugin the {@code -Xplugin:} argument, e.g. {@code "Weft"} or {@code "Weft strict"}
     * @param source the Java source
     * @return what javac reported
     */
    static Compilation of(String plugin, String source) {
        Matcher m = CLASS_NAME.matcher(source);
        if (!m.find()) {
            throw new IllegalArgumentException("no type declared in the source");
        }
        String name = m.group(1);
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + name + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        return compile(plugin, List.of(file), null);
    }

    /**
     * Compiles every {@code .java} file under a directory.
     *
     * @param plugin the {@code -Xplugin:} argument
     * @param root a source root
     * @return what javac reported
     */
    static Compilation ofTree(String plugin, Path root) {
        List<Path> paths;
        try (var walk = Files.walk(root)) {
            paths = walk.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return compile(plugin, null, paths);
    }

    private static Compilation compile(String plugin, List<JavaFileObject> sources, List<Path> paths) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> collected = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(collected, Locale.ROOT, null)) {
            Path out = Files.createTempDirectory(Path.of("target"), "javac-out");
            List<String> options = List.of("-Xplugin:" + plugin, "-d", out.toString(),
                    "-classpath", CLASS_PATH);
            Iterable<? extends JavaFileObject> units = sources != null ? sources : files.getJavaFileObjectsFromPaths(paths);
            javac.getTask(null, files, collected, options, null, units).call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Reported> out = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : collected.getDiagnostics()) {
            String file = d.getSource() == null ? "" : Path.of(d.getSource().toUri().getPath()).getFileName().toString();
            out.add(new Reported(d.getKind(), file, d.getLineNumber(), d.getMessage(Locale.ROOT)));
        }
        return new Compilation(out);
    }

    /** The class-path entry (directory or jar) a class is loaded from in this JVM. */
    /**
     * The runtime and the checker, and what the examples' own sources use besides (the test kit
     * and the JUnit launcher, for the guide's testing step): the module's test class path, which
     * the build passes in {@code weft.examples.classpath}.
     */
    private static final String CLASS_PATH = Stream.concat(
                    Stream.of("dev.weft.Suspendable", WeftPlugin.class.getName()).map(Compilation::location),
                    Stream.ofNullable(System.getProperty("weft.examples.classpath")).filter(cp -> !cp.isBlank()))
            .collect(Collectors.joining(java.io.File.pathSeparator));

    private static String location(String className) {
        try {
            return Path.of(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return every diagnostic */
    List<Reported> all() {
        return diagnostics;
    }

    /** @return the checker's diagnostics ({@code [weft...]}) */
    List<Reported> weft() {
        return diagnostics.stream().filter(d -> d.message().startsWith("[weft")).collect(Collectors.toList());
    }

    /** @return javac's own errors and warnings (not the checker's; notes left out) */
    List<Reported> others() {
        return diagnostics.stream()
                .filter(d -> !d.message().startsWith("[weft") && d.kind() != Diagnostic.Kind.NOTE)
                .collect(Collectors.toList());
    }

    /**
     * The checker's diagnostics as {@code "KIND line [key]"}, in source order: what the
     * {@code // KIND [key]} markers of a test source say.
     *
     * @return one line per diagnostic
     */
    List<String> summary() {
        return weft().stream()
                .map(d -> d.kind() + " " + d.line() + " " + d.message().substring(0, d.message().indexOf(']') + 1))
                .collect(Collectors.toList());
    }

    /**
     * @param source a test source whose lines carry markers such as {@code // WARNING [weft-pinning]}
     * @return {@code "KIND line [key]"} for each marker, in order
     */
    static List<String> expected(String source) {
        Pattern marker = Pattern.compile("// (ERROR|WARNING) (\\[weft-[a-z]+\\])");
        List<String> out = new ArrayList<>();
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = marker.matcher(lines[i]);
            while (m.find()) {
                out.add(m.group(1) + " " + (i + 1) + " " + m.group(2));
            }
        }
        return out;
    }

    /**
     * @param line a source line
     * @return the message of the checker's only diagnostic on that line
     */
    String messageAt(long line) {
        List<Reported> at = weft().stream().filter(d -> d.line() == line).collect(Collectors.toList());
        if (at.size() != 1) {
            throw new AssertionError("expected one diagnostic on line " + line + ", got " + at);
        }
        return at.get(0).message();
    }
}
