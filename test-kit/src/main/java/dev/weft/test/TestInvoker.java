package dev.weft.test;

import dev.weft.AsyncCallable;
import dev.weft.Suspendable;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Calls a test method from rewritten code. JUnit calls test methods by reflection, and a
 * reflective frame is one the agent cannot rewrite: the test's awaits would block (pin) instead of
 * suspending. So for each test method this defines, next to the test class (same package, same
 * loader), a small class whose {@code call()} invokes the method directly:
 *
 * <pre>{@code
 * final class FooTest$WeftCall$bar implements AsyncCallable<Object> {
 *     final Object target; final Object[] args;
 *     public Object call() { ((FooTest) target).bar((T0) args[0], ...); return null; }
 * }
 * }</pre>
 *
 * Its {@code call()} implements {@code AsyncCallable.call}, so the agent rewrites it when it is
 * defined, and the call to the {@code @Suspendable} test method is a suspension point.
 */
final class TestInvoker {
    private static final ConcurrentMap<Method, MethodHandle> CALLERS = new ConcurrentHashMap<>();

    private TestInvoker() {
    }

    /**
     * @param target the test instance
     * @param method its test method
     * @param args the resolved arguments
     * @return a body for {@code blockOn} that runs the method
     */
    @SuppressWarnings("unchecked")
    static AsyncCallable<Object> of(Object target, Method method, Object[] args) {
        if (!method.isAnnotationPresent(Suspendable.class)) {
            throw new IllegalStateException("@WeftTest method " + method.getDeclaringClass().getName() + "." + method.getName()
                    + " must also be annotated @dev.weft.Suspendable, so that the agent rewrites it and its awaits suspend");
        }
        if (Modifier.isStatic(method.getModifiers()) || Modifier.isPrivate(method.getModifiers())) {
            throw new IllegalStateException("@WeftTest method " + method + " must be an instance method that is not private");
        }
        try {
            return (AsyncCallable<Object>) CALLERS.computeIfAbsent(method, TestInvoker::define).invoke(target, args);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot call the @WeftTest method " + method + ": " + e, e);
        }
    }

    /** @return the constructor {@code (Object target, Object[] args)} of the caller, as a handle */
    private static MethodHandle define(Method method) {
        Class<?> host = method.getDeclaringClass();
        String name = Type.getInternalName(host) + "$WeftCall$" + method.getName() + "$" + Integer.toHexString(method.hashCode());
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(host, MethodHandles.lookup());
            Class<?> c = lookup.defineClass(bytes(name, method));
            // the class is package-private to the test's package: construct it through the same lookup
            return lookup.findConstructor(c, MethodType.methodType(void.class, Object.class, Object[].class));
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("cannot define the caller of @WeftTest method " + method + ": " + e, e);
        }
    }

    private static byte[] bytes(String name, Method method) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        String callable = Type.getInternalName(AsyncCallable.class);
        cw.visit(Opcodes.V17, Opcodes.ACC_FINAL | Opcodes.ACC_SUPER | Opcodes.ACC_SYNTHETIC, name, null, "java/lang/Object",
                new String[] {callable});
        cw.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_FINAL, "target", "Ljava/lang/Object;", null, null).visitEnd();
        cw.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_FINAL, "args", "[Ljava/lang/Object;", null, null).visitEnd();

        MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "(Ljava/lang/Object;[Ljava/lang/Object;)V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitVarInsn(Opcodes.ALOAD, 1);
        init.visitFieldInsn(Opcodes.PUTFIELD, name, "target", "Ljava/lang/Object;");
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitVarInsn(Opcodes.ALOAD, 2);
        init.visitFieldInsn(Opcodes.PUTFIELD, name, "args", "[Ljava/lang/Object;");
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();

        MethodVisitor call = cw.visitMethod(Opcodes.ACC_PUBLIC, "call", "()Ljava/lang/Object;", null,
                new String[] {"java/lang/Exception"});
        call.visitAnnotation(Type.getDescriptor(Suspendable.class), true).visitEnd();
        call.visitCode();
        String host = Type.getInternalName(method.getDeclaringClass());
        call.visitVarInsn(Opcodes.ALOAD, 0);
        call.visitFieldInsn(Opcodes.GETFIELD, name, "target", "Ljava/lang/Object;");
        call.visitTypeInsn(Opcodes.CHECKCAST, host);
        Class<?>[] params = method.getParameterTypes();
        for (int i = 0; i < params.length; i++) {
            call.visitVarInsn(Opcodes.ALOAD, 0);
            call.visitFieldInsn(Opcodes.GETFIELD, name, "args", "[Ljava/lang/Object;");
            call.visitLdcInsn(i);
            call.visitInsn(Opcodes.AALOAD);
            unbox(call, params[i]);
        }
        boolean itf = method.getDeclaringClass().isInterface();
        call.visitMethodInsn(itf ? Opcodes.INVOKEINTERFACE : Opcodes.INVOKEVIRTUAL, host, method.getName(),
                Type.getMethodDescriptor(method), itf);
        Type ret = Type.getReturnType(method);
        if (ret.getSize() == 2) {
            call.visitInsn(Opcodes.POP2);
        } else if (ret.getSize() == 1) {
            call.visitInsn(Opcodes.POP);
        }
        call.visitInsn(Opcodes.ACONST_NULL);
        call.visitInsn(Opcodes.ARETURN);
        call.visitMaxs(0, 0);
        call.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** Casts an argument to its parameter type, unboxing primitives. */
    private static void unbox(MethodVisitor mv, Class<?> type) {
        if (!type.isPrimitive()) {
            mv.visitTypeInsn(Opcodes.CHECKCAST, Type.getInternalName(type));
            return;
        }
        Type t = Type.getType(type);
        String box = Type.getInternalName(box(type));
        mv.visitTypeInsn(Opcodes.CHECKCAST, box);
        mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, box, type.getName() + "Value", "()" + t.getDescriptor(), false);
    }

    private static Class<?> box(Class<?> p) {
        return MethodType.methodType(p).wrap().returnType();
    }
}
