package dev.weft.agent.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.agent.classify.SuspendableIndex;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
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
 * ASM bounds its frame computation against hostile input (by default 1e8 steps, 10 MiB). A
 * rewritten method legitimately needs more when many suspension points sit under many
 * exception-table entries: ASM walks every handler over every basic block of its range, and the
 * rewriting multiplies both. Such a method, well inside the 64 KiB code limit, is rewritten.
 */
class FrameComputationBoundsTest {
    private static final String NAME = "fixture/ManyHandlers";

    /**
     * {@code static int body()}: {@code awaits} calls of a suspendable leaf, all inside one range
     * covered by {@code handlers} exception-table entries (what nested try blocks and copied
     * finally blocks from a generator look like).
     */
    private static byte[] manyHandlers(int awaits, int handlers) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, NAME, null, "java/lang/Object", null);
        GeneratedMethods.leafReturningOne(cw, "leaf");
        MethodVisitor mv = GeneratedMethods.suspendable(cw, "body");
        Label start = new Label();
        Label end = new Label();
        Label handler = new Label();
        for (int h = 0; h < handlers; h++) {
            mv.visitTryCatchBlock(start, end, handler, "java/lang/RuntimeException");
        }
        mv.visitInsn(Opcodes.ICONST_0);
        mv.visitVarInsn(Opcodes.ISTORE, 0);
        mv.visitLabel(start);
        for (int i = 0; i < awaits; i++) {
            mv.visitVarInsn(Opcodes.ILOAD, 0);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, NAME, "leaf", "()I", false);
            mv.visitInsn(Opcodes.IADD);
            mv.visitVarInsn(Opcodes.ISTORE, 0);
        }
        mv.visitLabel(end);
        mv.visitVarInsn(Opcodes.ILOAD, 0);
        mv.visitInsn(Opcodes.IRETURN);
        mv.visitLabel(handler);
        mv.visitInsn(Opcodes.POP);
        mv.visitInsn(Opcodes.ICONST_M1);
        mv.visitInsn(Opcodes.IRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    @Test
    void aMethodWhoseFramesExceedAsmsDefaultBoundsIsStillRewritten() {
        int awaits = 400;
        byte[] bytes = manyHandlers(awaits, 100);
        ClassFileLocator locator = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(NAME.replace('/', '.'), bytes),
                ClassFileLocator.ForClassLoader.of(FrameComputationBoundsTest.class.getClassLoader()));
        CoroutineClassTransformer.Result r =
                CoroutineClassTransformer.transform(bytes, new SuspendableIndex(TypePool.Default.of(locator)), true);
        assertEquals(List.of(), r.refusals());
        assertTrue(r.methods().stream().anyMatch(m -> m.startsWith("body()I (" + awaits + " suspension points")),
                r.methods()::toString);
        StringWriter out = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(r.bytes()), FrameComputationBoundsTest.class.getClassLoader(), false,
                new PrintWriter(out));
        assertEquals("", out.toString());
    }
}
