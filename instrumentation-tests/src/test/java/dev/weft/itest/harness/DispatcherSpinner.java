package dev.weft.itest.harness;

import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Spins a {@link CaseDispatcher} for a shape class: a class {@code Shape$$Cases} in the shape's
 * own package and class loader (defined with {@link MethodHandles.Lookup#defineClass}, so the
 * agent rewrites it like any class loaded from disk) whose {@code run(int)} calls case
 * {@code index} directly:
 *
 * <pre>{@code
 * public Object run(int index) {
 *     switch (index) {
 *         case 0: return Integer.valueOf(Shape.first());
 *         case 1: return new Shape().second();      // instance case: a fresh instance per run
 *         ...
 *         default: throw new IllegalArgumentException();
 *     }
 * }
 * }</pre>
 */
final class DispatcherSpinner {
    private static final Map<Class<?>, CaseDispatcher> SPUN = new ConcurrentHashMap<>();

    private DispatcherSpinner() {
    }

    /**
     * @param shape the shape class
     * @param cases its corpus methods, in index order (the first call for a class fixes them)
     * @return its dispatcher
     */
    static CaseDispatcher dispatcherFor(Class<?> shape, List<Method> cases) {
        return SPUN.computeIfAbsent(shape, s -> spin(s, cases));
    }

    private static CaseDispatcher spin(Class<?> shape, List<Method> cases) {
        String owner = Type.getInternalName(shape);
        String name = owner + "$$Cases";
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, name, null,
                "java/lang/Object", new String[] {Type.getInternalName(CaseDispatcher.class)});
        MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();

        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC, "run", "(I)Ljava/lang/Object;", null,
                new String[] {"java/lang/Exception"});
        mv.visitAnnotation("Ldev/weft/Suspendable;", true).visitEnd();
        mv.visitCode();
        Label dflt = new Label();
        Label[] labels = new Label[cases.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = new Label();
        }
        mv.visitVarInsn(Opcodes.ILOAD, 1);
        mv.visitTableSwitchInsn(0, labels.length - 1, dflt, labels);
        for (int i = 0; i < labels.length; i++) {
            Method m = cases.get(i);
            mv.visitLabel(labels[i]);
            String desc = Type.getMethodDescriptor(m);
            if (Modifier.isStatic(m.getModifiers())) {
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, owner, m.getName(), desc, false);
            } else {
                mv.visitTypeInsn(Opcodes.NEW, owner);
                mv.visitInsn(Opcodes.DUP);
                mv.visitMethodInsn(Opcodes.INVOKESPECIAL, owner, "<init>", "()V", false);
                mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, owner, m.getName(), desc, false);
            }
            box(mv, Type.getReturnType(m));
            mv.visitInsn(Opcodes.ARETURN);
        }
        mv.visitLabel(dflt);
        mv.visitTypeInsn(Opcodes.NEW, "java/lang/IllegalArgumentException");
        mv.visitInsn(Opcodes.DUP);
        mv.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/IllegalArgumentException", "<init>", "()V", false);
        mv.visitInsn(Opcodes.ATHROW);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(shape, MethodHandles.lookup());
            Class<?> c = lookup.defineClass(cw.toByteArray());
            return (CaseDispatcher) c.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot define the dispatcher of " + shape.getName(), e);
        }
    }

    private static void box(MethodVisitor mv, Type t) {
        switch (t.getSort()) {
            case Type.VOID:
                mv.visitInsn(Opcodes.ACONST_NULL);
                return;
            case Type.OBJECT:
            case Type.ARRAY:
                return;
            default:
                String wrapper;
                switch (t.getSort()) {
                    case Type.BOOLEAN: wrapper = "java/lang/Boolean"; break;
                    case Type.BYTE: wrapper = "java/lang/Byte"; break;
                    case Type.CHAR: wrapper = "java/lang/Character"; break;
                    case Type.SHORT: wrapper = "java/lang/Short"; break;
                    case Type.INT: wrapper = "java/lang/Integer"; break;
                    case Type.LONG: wrapper = "java/lang/Long"; break;
                    case Type.FLOAT: wrapper = "java/lang/Float"; break;
                    case Type.DOUBLE: wrapper = "java/lang/Double"; break;
                    default: throw new AssertionError(t);
                }
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, wrapper, "valueOf",
                        "(" + t.getDescriptor() + ")L" + wrapper + ";", false);
        }
    }
}
