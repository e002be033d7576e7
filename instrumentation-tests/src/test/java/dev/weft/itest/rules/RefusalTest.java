package dev.weft.itest.rules;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Coroutine;
import dev.weft.Suspendable;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * What the agent refuses at load time: the refused method throws a {@link LinkageError} whose
 * message names the class, the method, the source line and the rule.
 */
class RefusalTest {
    static final class AwaitInSynchronizedBlock {
        private final Object lock = new Object();

        @Suspendable
        int guarded() {
            synchronized (lock) {
                return Async.await(CompletableFuture.completedFuture(1));
            }
        }

        @Suspendable
        int fine() {
            return Async.await(CompletableFuture.completedFuture(2));
        }
    }

    static final class AwaitInSynchronizedMethod {
        @Suspendable
        synchronized int guarded() {
            return Async.await(CompletableFuture.completedFuture(1));
        }
    }

    @Test
    void awaitInSynchronizedBlockIsRefusedNamingClassMethodLineAndRule() throws Exception {
        AwaitInSynchronizedBlock o = new AwaitInSynchronizedBlock();
        LinkageError e = assertThrows(LinkageError.class, o::guarded);
        assertTrue(e.getMessage().matches("Weft cannot rewrite dev\\.weft\\.itest\\.rules\\.RefusalTest\\$AwaitInSynchronizedBlock"
                + "\\.guarded\\(\\)I \\(RefusalTest\\.java:\\d+\\): SUSPENSION_IN_SYNCHRONIZED: .*monitor cannot move.*"), e.getMessage());
        // the rest of the class was rewritten and works, in and out of a coroutine
        assertTrue(o.fine() == 2);
        assertTrue(Coroutine.blockOn(o::fine) == 2);
    }

    @Test
    void awaitInSynchronizedMethodIsRefused() {
        LinkageError e = assertThrows(LinkageError.class, () -> new AwaitInSynchronizedMethod().guarded());
        assertTrue(e.getMessage().contains("AwaitInSynchronizedMethod.guarded()I (RefusalTest.java:"), e.getMessage());
        assertTrue(e.getMessage().contains("the method is synchronized"), e.getMessage());
    }

    /** Compiled normally, then given {@code @Suspendable} on its constructor (javac's @Target forbids it). */
    public static final class CtorFixture {
        public CtorFixture() {
        }
    }

    @Test
    void suspendableConstructorIsRefused() throws Exception {
        String name = CtorFixture.class.getName().replace('.', '/');
        byte[] original;
        try (var in = getClass().getClassLoader().getResourceAsStream(name + ".class")) {
            original = in.readAllBytes();
        }
        ClassReader reader = new ClassReader(original);
        ClassWriter writer = new ClassWriter(0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String n, String d, String s, String[] ex) {
                MethodVisitor mv = super.visitMethod(access, n, d, s, ex);
                if (n.equals("<init>")) {
                    mv.visitAnnotation("Ldev/weft/Suspendable;", true).visitEnd();
                }
                return mv;
            }
        }, 0);
        byte[] annotated = writer.toByteArray();
        ClassLoader loader = new ClassLoader(getClass().getClassLoader()) {
            @Override
            protected Class<?> loadClass(String cn, boolean resolve) throws ClassNotFoundException {
                if (cn.equals(CtorFixture.class.getName())) {
                    synchronized (getClassLoadingLock(cn)) {
                        Class<?> c = findLoadedClass(cn);
                        return c != null ? c : defineClass(cn, annotated, 0, annotated.length);
                    }
                }
                return super.loadClass(cn, resolve);
            }
        };
        Class<?> c = loader.loadClass(CtorFixture.class.getName());
        LinkageError e = assertThrows(LinkageError.class, () -> {
            try {
                c.getConstructor().newInstance();
            } catch (java.lang.reflect.InvocationTargetException ite) {
                throw ite.getCause();
            }
        });
        assertTrue(e.getMessage().contains("RefusalTest$CtorFixture.<init>()V (RefusalTest.java:"), e.getMessage());
        assertTrue(e.getMessage().contains("SUSPENDABLE_CONSTRUCTOR: constructors and static initializers cannot be @Suspendable"),
                e.getMessage());
    }
}
