package dev.weft.maven;

import java.util.List;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Rewrites {@code target/classes} in place after compilation, with the transformer the agent
 * runs at load time, so the project's coroutines run with no {@code -javaagent}. Supertypes and
 * callees resolve from the compile class path. A method the transformer refuses fails the build
 * with its class, method, source line and rule.
 *
 * <pre>{@code
 * <plugin>
 *   <groupId>dev.weft</groupId><artifactId>weft-maven-plugin</artifactId><version>...</version>
 *   <executions><execution><goals><goal>instrument</goal><goal>instrument-tests</goal></goals></execution></executions>
 * </plugin>
 * }</pre>
 */
@Mojo(name = "instrument", defaultPhase = LifecyclePhase.PROCESS_CLASSES, requiresDependencyResolution = ResolutionScope.COMPILE,
        threadSafe = true)
public final class InstrumentMojo extends AbstractInstrumentMojo {
    /**
     * Whether to leave the resource that tells the runtime the classes were rewritten at build
     * time. Only Weft's own runtime, which must still say "attach the agent" to applications that
     * were not rewritten, turns it off.
     */
    @Parameter(property = "weft.instrument.markPresence", defaultValue = "true")
    private boolean markPresence;

    @Override
    String classesDirectory() {
        return project.getBuild().getOutputDirectory();
    }

    @Override
    List<String> classPath() throws MojoExecutionException {
        try {
            return project.getCompileClasspathElements();
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("Weft: the compile class path is not resolved", e);
        }
    }

    @Override
    boolean markPresence() {
        return markPresence;
    }
}
