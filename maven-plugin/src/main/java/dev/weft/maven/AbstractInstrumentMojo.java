package dev.weft.maven;

import dev.weft.agent.diagnostics.TransformException;
import dev.weft.agent.offline.ClassDirectoryInstrumenter;
import dev.weft.agent.offline.ClassPathTypes;
import dev.weft.agent.offline.InstrumentationReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * One class directory rewritten in place against one class path; the two goals differ only in
 * which directory and class path.
 */
abstract class AbstractInstrumentMojo extends AbstractMojo {
    /** The project being built. */
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    /** Skips the rewrite (the classes then need the agent at run time). */
    @Parameter(property = "weft.instrument.skip", defaultValue = "false")
    private boolean skip;

    /** Logs every rewritten method. */
    @Parameter(property = "weft.instrument.verbose", defaultValue = "false")
    private boolean verbose;

    abstract String classesDirectory();

    abstract List<String> classPath() throws MojoExecutionException;

    abstract boolean markPresence();

    boolean skipped() {
        return skip;
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped()) {
            getLog().info("Weft: rewriting skipped");
            return;
        }
        Path dir = Path.of(classesDirectory());
        if (!Files.isDirectory(dir)) {
            getLog().debug("Weft: no " + dir + ", nothing to rewrite");
            return;
        }
        List<Path> types = new ArrayList<>();
        types.add(dir);
        for (String e : classPath()) {
            types.add(Path.of(e));
        }
        InstrumentationReport report;
        try (ClassPathTypes pool = new ClassPathTypes(types)) {
            report = new ClassDirectoryInstrumenter(pool.index()).instrument(dir, markPresence());
        } catch (IOException | UncheckedIOException e) {
            throw new MojoExecutionException("Weft could not rewrite " + dir + ": " + e.getMessage(), e);
        }
        if (verbose) {
            for (String m : report.methods()) {
                getLog().info("Weft rewrote " + m);
            }
        }
        getLog().info(report.summary() + " in " + dir);
        if (!report.refusals().isEmpty()) {
            StringBuilder msg = new StringBuilder("Weft refused " + report.refusals().size() + " method(s):");
            for (TransformException refusal : report.refusals()) {
                getLog().error(refusal.getMessage());
                msg.append(System.lineSeparator()).append("  ").append(refusal.getMessage());
            }
            throw new MojoFailureException(msg.toString());
        }
    }
}
