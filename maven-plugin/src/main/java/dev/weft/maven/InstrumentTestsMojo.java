package dev.weft.maven;

import java.util.List;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Rewrites {@code target/test-classes} in place after test compilation, resolving types from the
 * test class path; otherwise as {@link InstrumentMojo}. Skipped with the tests' own
 * {@code -Dmaven.test.skip}.
 */
@Mojo(name = "instrument-tests", defaultPhase = LifecyclePhase.PROCESS_TEST_CLASSES,
        requiresDependencyResolution = ResolutionScope.TEST, threadSafe = true)
public final class InstrumentTestsMojo extends AbstractInstrumentMojo {
    @Parameter(property = "maven.test.skip", defaultValue = "false")
    private boolean testSkip;

    @Override
    String classesDirectory() {
        return project.getBuild().getTestOutputDirectory();
    }

    @Override
    List<String> classPath() throws MojoExecutionException {
        try {
            return project.getTestClasspathElements();
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("Weft: the test class path is not resolved", e);
        }
    }

    @Override
    boolean markPresence() {
        return true;
    }

    @Override
    boolean skipped() {
        return super.skipped() || testSkip;
    }
}
