package dev.weft.agent.transform;

import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** The methods that the generated fixture classes of the transform tests are made of. */
final class GeneratedMethods {
    private GeneratedMethods() {
    }

    /** @return the visitor of a new {@code @Suspendable public static int name()}, its code begun */
    static MethodVisitor suspendable(ClassVisitor cw, String name) {
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, name, "()I", null, null);
        mv.visitAnnotation("Ldev/weft/Suspendable;", true).visitEnd();
        mv.visitCode();
        return mv;
    }

    /** Adds {@code @Suspendable public static int name() { return 1; }}: a call that never suspends. */
    static void leafReturningOne(ClassVisitor cw, String name) {
        MethodVisitor leaf = suspendable(cw, name);
        leaf.visitInsn(Opcodes.ICONST_1);
        leaf.visitInsn(Opcodes.IRETURN);
        leaf.visitMaxs(1, 0);
        leaf.visitEnd();
    }
}
