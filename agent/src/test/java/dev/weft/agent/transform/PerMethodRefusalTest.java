package dev.weft.agent.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.agent.classify.SuspendableIndex;
import dev.weft.agent.diagnostics.TransformException;
import dev.weft.agent.diagnostics.TransformRule;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.function.Consumer;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.util.CheckClassAdapter;

/**
 * Whatever goes wrong while rewriting one method refuses that method alone: its neighbours are
 * rewritten, and the refusal names class, method, line and reason.
 */
class PerMethodRefusalTest {
    private static final String NAME = "fixture/Generated";

    /** A class with a suspendable {@code leaf()I}, a well-formed {@code fine()I}, and {@code other} made by {@code body}. */
    private static byte[] classWith(String other, Consumer<MethodVisitor> body, int maxStack, int maxLocals) {
        ClassWriter cw = new ClassWriter(0);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, NAME, null, "java/lang/Object", null);
        cw.visitSource("Generated.java", null);
        GeneratedMethods.leafReturningOne(cw, "leaf");
        MethodVisitor fine = GeneratedMethods.suspendable(cw, "fine");
        line(fine, 10);
        fine.visitMethodInsn(Opcodes.INVOKESTATIC, NAME, "leaf", "()I", false);
        fine.visitInsn(Opcodes.IRETURN);
        fine.visitMaxs(1, 0);
        fine.visitEnd();
        MethodVisitor m = GeneratedMethods.suspendable(cw, other);
        line(m, 20);
        body.accept(m);
        m.visitMaxs(maxStack, maxLocals);
        m.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    private static void line(MethodVisitor mv, int line) {
        Label l = new Label();
        mv.visitLabel(l);
        mv.visitLineNumber(line, l);
    }

    private static CoroutineClassTransformer.Result transform(byte[] bytes) {
        ClassLoader loader = PerMethodRefusalTest.class.getClassLoader();
        ClassFileLocator locator = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(NAME.replace('/', '.'), bytes),
                ClassFileLocator.ForClassLoader.of(loader));
        return CoroutineClassTransformer.transform(bytes, new SuspendableIndex(TypePool.Default.of(locator)), true);
    }

    private static void assertOnlyRefused(CoroutineClassTransformer.Result r, String method, TransformRule rule, String... inMessage) {
        List<TransformException> refusals = r.refusals();
        assertEquals(1, refusals.size(), refusals::toString);
        TransformException e = refusals.get(0);
        assertEquals(rule, e.rule());
        String msg = e.getMessage();
        assertTrue(msg.contains("fixture.Generated." + method + "()I (Generated.java:20)"), msg);
        for (String s : inMessage) {
            assertTrue(msg.contains(s), msg);
        }
        assertTrue(r.methods().stream().anyMatch(m -> m.startsWith("fine()I (1 suspension point")), r.methods()::toString);
        StringWriter out = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(r.bytes()), PerMethodRefusalTest.class.getClassLoader(), false, new PrintWriter(out));
        assertEquals("", out.toString());
    }

    @Test
    void aMethodTooLargeAfterRewritingIsRefusedAloneWithItsAwaitCount() {
        int awaits = 1200;
        byte[] bytes = classWith("huge", mv -> {
            mv.visitInsn(Opcodes.ICONST_0);
            mv.visitVarInsn(Opcodes.ISTORE, 0);
            for (int i = 0; i < awaits; i++) {
                mv.visitVarInsn(Opcodes.ILOAD, 0);
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, NAME, "leaf", "()I", false);
                mv.visitInsn(Opcodes.IADD);
                mv.visitVarInsn(Opcodes.ISTORE, 0);
            }
            mv.visitVarInsn(Opcodes.ILOAD, 0);
            mv.visitInsn(Opcodes.IRETURN);
        }, 2, 1);
        assertOnlyRefused(transform(bytes), "huge", TransformRule.METHOD_TOO_LARGE, awaits + " suspension points", "split");
    }

    @Test
    void anInternalFailureOnOneMethodRefusesItAlone() {
        // POP on an empty stack: no verifier would accept it, and the frame analysis fails on it.
        byte[] bytes = classWith("broken", mv -> {
            mv.visitInsn(Opcodes.POP);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, NAME, "leaf", "()I", false);
            mv.visitInsn(Opcodes.IRETURN);
        }, 1, 0);
        assertOnlyRefused(transform(bytes), "broken", TransformRule.INTERNAL_ERROR, "Exception");
    }
}
