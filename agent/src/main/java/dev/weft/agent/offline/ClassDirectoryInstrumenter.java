package dev.weft.agent.offline;

import dev.weft.agent.classify.SuspendableIndex;
import dev.weft.agent.diagnostics.TransformException;
import dev.weft.agent.transform.CoroutineClassTransformer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Rewrites the class files of one output directory in place, with the same transformer the agent
 * runs at load time, so the classes suspend without an agent. Every rewritten class carries the
 * {@code @Instrumented} marker, which makes an agent attached later skip it, and running the
 * instrumenter again over its own output changes nothing.
 *
 * <pre>{@code
 * try (ClassPathTypes types = new ClassPathTypes(List.of(classes, Path.of("lib/weft-runtime.jar")))) {
 *     InstrumentationReport r = new ClassDirectoryInstrumenter(types.index()).instrument(classes, true);
 *     if (!r.refusals().isEmpty()) throw r.refusals().get(0);
 * }
 * }</pre>
 *
 * <p>Refusals do not stop the walk: every class is visited so a build reports all of them at
 * once; the refused method's body throws {@code LinkageError} with the same message, as under
 * the agent.
 */
public final class ClassDirectoryInstrumenter {
    /**
     * Resource written into an output directory whose classes were rewritten: the runtime reads
     * it to know coroutines can run without the agent. Keep in step with the runtime's
     * {@code AgentPresence}.
     */
    public static final String PRESENCE_RESOURCE = "META-INF/weft/instrumented";

    private final SuspendableIndex index;

    /** @param index resolves the directory's classes and everything they refer to */
    public ClassDirectoryInstrumenter(SuspendableIndex index) {
        this.index = index;
    }

    /**
     * Rewrites every class file under {@code dir}.
     *
     * @param dir a class output directory (package folders below it)
     * @param writePresence whether to write {@link #PRESENCE_RESOURCE} when a class was rewritten
     * @return what was done
     * @throws IOException if a file cannot be read or written
     * @throws IllegalArgumentException if {@code dir} is not a directory
     */
    public InstrumentationReport instrument(Path dir, boolean writePresence) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("Weft: not a class directory: " + dir);
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> p.getFileName().toString().endsWith(".class") && Files.isRegularFile(p))
                    .filter(p -> !p.getFileName().toString().equals("module-info.class"))
                    .sorted().toList();
        }
        List<String> rewritten = new ArrayList<>();
        List<String> methods = new ArrayList<>();
        List<TransformException> refusals = new ArrayList<>();
        for (Path file : files) {
            String binaryName = binaryName(dir, file);
            CoroutineClassTransformer.Result r;
            try {
                r = CoroutineClassTransformer.transform(Files.readAllBytes(file), index, true);
            } catch (TransformException e) {
                refusals.add(e);
                continue;
            } catch (RuntimeException e) {
                throw new IOException("Weft could not rewrite " + binaryName + " (" + file + "): " + e, e);
            }
            if (r == null) {
                continue;
            }
            Files.write(file, r.bytes());
            rewritten.add(binaryName);
            for (String m : r.methods()) {
                methods.add(binaryName + "." + m);
            }
            refusals.addAll(r.refusals());
        }
        if (writePresence && !rewritten.isEmpty()) {
            Path marker = dir.resolve(PRESENCE_RESOURCE);
            Files.createDirectories(marker.getParent());
            Files.writeString(marker, "Classes in this directory were rewritten by Weft; coroutines run without the agent.\n",
                    StandardCharsets.UTF_8);
        }
        return new InstrumentationReport(files.size(), rewritten, methods, refusals);
    }

    private static String binaryName(Path dir, Path file) {
        String rel = dir.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
        return rel.substring(0, rel.length() - ".class".length());
    }
}
