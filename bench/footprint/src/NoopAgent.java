import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;

/**
 * An agent that registers a transformer that changes nothing: the part of an agent's cost that
 * the JVM charges to any -javaagent (the java.instrument module, which turns off CDS's archived
 * module graph, and one call per loaded class), so that the table can tell it from Weft's own.
 */
public final class NoopAgent {
    public static void premain(String args, Instrumentation inst) {
        inst.addTransformer(new ClassFileTransformer() {
        }, true);
    }
}
