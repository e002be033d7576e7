package dev.weft.agent.cli;

import dev.weft.agent.diagnostics.TransformException;
import dev.weft.agent.offline.ClassDirectoryInstrumenter;
import dev.weft.agent.offline.ClassPathTypes;
import dev.weft.agent.offline.InstrumentationReport;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code instrument <classes-dir>... [--classpath <path>]}: rewrites the class directories in
 * place. The class path (entries separated by the platform's path separator) supplies the
 * supertypes and callees of the directories' classes, typically {@code weft-runtime.jar} and the
 * other libraries the classes are compiled against. Exits 1 if a method was refused, after
 * listing every refusal with class, method, line and rule.
 */
final class InstrumentCommand {
    static final String USAGE = "usage: java -jar weft-agent.jar instrument <classes-dir>... [--classpath <entries separated by '"
            + File.pathSeparator + "'>] [--quiet]";
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE_ERROR = 2;

    private InstrumentCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        List<Path> dirs = new ArrayList<>();
        List<Path> classPath = new ArrayList<>();
        boolean quiet = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--classpath") || a.equals("-cp")) {
                if (i + 1 == args.length) {
                    err.println("Weft: " + a + " needs a value.");
                    err.println(USAGE);
                    return USAGE_ERROR;
                }
                for (String e : args[++i].split(File.pathSeparator)) {
                    if (!e.isEmpty()) {
                        classPath.add(Path.of(e));
                    }
                }
            } else if (a.equals("--quiet")) {
                quiet = true;
            } else if (a.startsWith("-")) {
                err.println("Weft: unknown option: " + a);
                err.println(USAGE);
                return USAGE_ERROR;
            } else {
                dirs.add(Path.of(a));
            }
        }
        if (dirs.isEmpty()) {
            err.println("Weft: no class directory given.");
            err.println(USAGE);
            return USAGE_ERROR;
        }
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) {
                err.println("Weft: not a class directory: " + d);
                return USAGE_ERROR;
            }
        }
        List<Path> types = new ArrayList<>(dirs);
        types.addAll(classPath);
        int refused = 0;
        try (ClassPathTypes pool = new ClassPathTypes(types)) {
            ClassDirectoryInstrumenter instrumenter = new ClassDirectoryInstrumenter(pool.index());
            for (Path d : dirs) {
                InstrumentationReport r = instrumenter.instrument(d, true);
                for (TransformException refusal : r.refusals()) {
                    err.println(refusal.getMessage());
                }
                refused += r.refusals().size();
                if (!quiet) {
                    out.println(r.summary() + " in " + d);
                }
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            err.println("Weft: " + e.getMessage());
            return FAILED;
        }
        return refused == 0 ? OK : FAILED;
    }
}
