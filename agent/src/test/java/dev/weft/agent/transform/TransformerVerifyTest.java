package dev.weft.agent.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.agent.classify.SuspendableIndex;
import dev.weft.agent.diagnostics.TransformException;
import dev.weft.agent.diagnostics.TransformRule;
import dev.weft.agent.fixtures.Shapes;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Collectors;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;

/** Transforms fixture classes outside any agent and checks the output with ASM's verifier. */
class TransformerVerifyTest {
    private final ClassLoader loader = getClass().getClassLoader();
    private final SuspendableIndex index = new SuspendableIndex(TypePool.Default.of(ClassFileLocator.ForClassLoader.of(loader)));

    private byte[] bytesOf(Class<?> c) throws IOException {
        try (InputStream in = loader.getResourceAsStream(c.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    private static String verify(byte[] bytes, ClassLoader loader) {
        StringWriter out = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(bytes), loader, false, new PrintWriter(out));
        return out.toString();
    }

    @Test
    void everyShapeVerifies() throws IOException {
        CoroutineClassTransformer.Result r = CoroutineClassTransformer.transform(bytesOf(Shapes.class), index, true);
        assertNotNull(r);
        List<String> names = r.methods().stream().map(m -> m.substring(0, m.indexOf('('))).collect(Collectors.toList());
        assertTrue(names.containsAll(List.of("wide", "uninitialized", "stack", "control", "uninitializedZero")), names::toString);
        assertTrue(names.stream().anyMatch(n -> n.startsWith("lambda$lambdas$")), names::toString);
        assertTrue(names.stream().anyMatch(n -> n.startsWith("weft$ref$")), "method reference bridged: " + names);
        assertEquals("", verify(r.bytes(), loader));
    }

    @Test
    void suspensionInSynchronizedIsRefusedWithClassMethodLineAndRule() throws IOException {
        CoroutineClassTransformer.Result r = CoroutineClassTransformer.transform(bytesOf(Shapes.class), index, true);
        List<TransformException> refusals = r.refusals();
        assertEquals(2, refusals.size(), refusals::toString);
        TransformException block = refusals.stream().filter(e -> e.methodName().startsWith("inSynchronized")).findFirst().orElseThrow();
        assertEquals(TransformRule.SUSPENSION_IN_SYNCHRONIZED, block.rule());
        assertTrue(block.getMessage().matches(".*dev\\.weft\\.agent\\.fixtures\\.Shapes\\.inSynchronized\\(\\)I \\(Shapes\\.java:\\d+\\).*"
                + "SUSPENSION_IN_SYNCHRONIZED.*inside a synchronized block.*"), block.getMessage());
        TransformException method = refusals.stream().filter(e -> e.methodName().startsWith("synchronizedMethod")).findFirst().orElseThrow();
        assertTrue(method.getMessage().contains("the method is synchronized"), method.getMessage());
    }

    @Test
    void aClassWithoutSuspendableCodeIsLeftAlone() throws IOException {
        assertEquals(null, CoroutineClassTransformer.transform(bytesOf(AgentFreeFixture.class), index, true));
    }

    @Test
    void aRewrittenClassIsNotRewrittenTwice() throws IOException {
        CoroutineClassTransformer.Result r = CoroutineClassTransformer.transform(bytesOf(Shapes.class), index, true);
        assertEquals(null, CoroutineClassTransformer.transform(r.bytes(), index, true));
    }

    /** Plain code only. */
    static final class AgentFreeFixture {
        int twice(int x) {
            return 2 * x;
        }
    }
}
