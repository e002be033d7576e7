package dev.weft.itest.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.itest.harness.CaseDispatcher;
import dev.weft.itest.harness.DifferentialCase;
import dev.weft.itest.harness.InMemoryClassLoader;
import dev.weft.itest.harness.Mode;
import dev.weft.itest.harness.RunContext;
import dev.weft.itest.harness.ShapeTest;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Bytecode that javac does not emit but other compilers and generators do, around an object
 * under construction: several {@code DUP}s of it, a {@code SWAP}, and the uninitialized reference
 * stored in a local across an await; and slot 0 overwritten while {@code this} is the receiver of
 * a suspendable call on the stack. Each class is generated with ASM, loaded through the agent,
 * checked to return the right value (not a refusal) and run differentially.
 */
class ForeignShapesTest {
    private static final String ENTRY = "java/util/AbstractMap$SimpleEntry";
    private static final String INIT = "(Ljava/lang/Object;Ljava/lang/Object;)V";
    private static final String SRC = "dev/weft/itest/harness/Src";

    /** {@code new SimpleEntry(await "k", "v")} with three copies of the new object on the stack at the await. */
    private static void severalDups(MethodVisitor mv) {
        mv.visitTypeInsn(Opcodes.NEW, ENTRY);
        mv.visitInsn(Opcodes.DUP);
        mv.visitInsn(Opcodes.DUP);
        await(mv, "k");
        await(mv, "v");
        mv.visitMethodInsn(Opcodes.INVOKESPECIAL, ENTRY, "<init>", INIT, false);
        mv.visitInsn(Opcodes.POP);
        toStringAndReturn(mv);
    }

    /** The key is awaited first, then {@code NEW; DUP_X1; SWAP} puts the two copies under it. */
    private static void swapped(MethodVisitor mv) {
        await(mv, "k");
        mv.visitTypeInsn(Opcodes.NEW, ENTRY);
        mv.visitInsn(Opcodes.DUP_X1);
        mv.visitInsn(Opcodes.SWAP);
        await(mv, "v");
        mv.visitMethodInsn(Opcodes.INVOKESPECIAL, ENTRY, "<init>", INIT, false);
        toStringAndReturn(mv);
    }

    /** The new object is stored in local 1 across two awaits and initialized from there. */
    private static void storedInALocal(MethodVisitor mv) {
        mv.visitTypeInsn(Opcodes.NEW, ENTRY);
        mv.visitVarInsn(Opcodes.ASTORE, 2);
        await(mv, "k");
        mv.visitVarInsn(Opcodes.ASTORE, 3);
        mv.visitVarInsn(Opcodes.ALOAD, 2);
        mv.visitVarInsn(Opcodes.ALOAD, 3);
        await(mv, "v");
        mv.visitMethodInsn(Opcodes.INVOKESPECIAL, ENTRY, "<init>", INIT, false);
        mv.visitVarInsn(Opcodes.ALOAD, 2);
        toStringAndReturn(mv);
    }

    /**
     * {@code run(0)} loads its {@code this} as the receiver of {@code run(1)}, then overwrites
     * slot 0 with another instance while the arguments are evaluated: the call is made on the
     * original receiver, although slot 0 no longer holds it. {@code run(1)} awaits its own tag.
     */
    private static void thisReplacedUnderTheReceiver(String name, MethodVisitor mv) {
        org.objectweb.asm.Label inner = new org.objectweb.asm.Label();
        mv.visitVarInsn(Opcodes.ILOAD, 1);
        mv.visitJumpInsn(Opcodes.IFNE, inner);
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitTypeInsn(Opcodes.NEW, name);
        mv.visitInsn(Opcodes.DUP);
        mv.visitLdcInsn("other");
        mv.visitMethodInsn(Opcodes.INVOKESPECIAL, name, "<init>", "(Ljava/lang/String;)V", false);
        mv.visitVarInsn(Opcodes.ASTORE, 0);
        mv.visitInsn(Opcodes.ICONST_1);
        mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, name, "run", "(I)Ljava/lang/Object;", false);
        mv.visitInsn(Opcodes.ARETURN);
        mv.visitLabel(inner);
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitFieldInsn(Opcodes.GETFIELD, name, "tag", "Ljava/lang/String;");
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, SRC, "s", "(Ljava/lang/String;)Ljava/lang/String;", false);
        await(mv, "=");
        mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/String", "concat", "(Ljava/lang/String;)Ljava/lang/String;", false);
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitFieldInsn(Opcodes.GETFIELD, name, "tag", "Ljava/lang/String;");
        mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/String", "concat", "(Ljava/lang/String;)Ljava/lang/String;", false);
        mv.visitInsn(Opcodes.ARETURN);
    }

    private static void await(MethodVisitor mv, String value) {
        mv.visitLdcInsn(value);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, SRC, "s", "(Ljava/lang/String;)Ljava/lang/String;", false);
    }

    private static void toStringAndReturn(MethodVisitor mv) {
        mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/Object", "toString", "()Ljava/lang/String;", false);
        mv.visitInsn(Opcodes.ARETURN);
    }

    /**
     * A public class implementing {@link CaseDispatcher} whose {@code run} is the given body; its
     * field {@code tag} is {@code "self"} for the public constructor, or set by {@code <init>(String)}.
     */
    private static byte[] dispatcher(String name, BiConsumer<String, MethodVisitor> body) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, name, null, "java/lang/Object",
                new String[] {"dev/weft/itest/harness/CaseDispatcher"});
        cw.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_FINAL, "tag", "Ljava/lang/String;", null, null).visitEnd();
        MethodVisitor tagged = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "(Ljava/lang/String;)V", null, null);
        tagged.visitCode();
        tagged.visitVarInsn(Opcodes.ALOAD, 0);
        tagged.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        tagged.visitVarInsn(Opcodes.ALOAD, 0);
        tagged.visitVarInsn(Opcodes.ALOAD, 1);
        tagged.visitFieldInsn(Opcodes.PUTFIELD, name, "tag", "Ljava/lang/String;");
        tagged.visitInsn(Opcodes.RETURN);
        tagged.visitMaxs(0, 0);
        tagged.visitEnd();
        MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitLdcInsn("self");
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, name, "<init>", "(Ljava/lang/String;)V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        MethodVisitor run = cw.visitMethod(Opcodes.ACC_PUBLIC, "run", "(I)Ljava/lang/Object;", null, null);
        run.visitCode();
        body.accept(name, run);
        run.visitMaxs(0, 0);
        run.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    private static Stream<DynamicNode> run(String simpleName, Consumer<MethodVisitor> body) throws Exception {
        return run(simpleName, (name, mv) -> body.accept(mv), "k=v");
    }

    private static Stream<DynamicNode> run(String simpleName, BiConsumer<String, MethodVisitor> body, String expected)
            throws Exception {
        String name = "foreign/" + simpleName;
        ClassLoader loader = new InMemoryClassLoader(Map.of(name.replace('/', '.'), dispatcher(name, body)),
                ForeignShapesTest.class.getClassLoader());
        CaseDispatcher d = (CaseDispatcher) loader.loadClass(name.replace('/', '.')).getConstructor().newInstance();
        DynamicTest rewritten = DynamicTest.dynamicTest(simpleName + " [rewritten, not refused]", () -> {
            RunContext.install(new RunContext(Mode.PLAIN, 0));
            try {
                assertEquals(expected, d.run(0));
            } finally {
                RunContext.uninstall();
            }
        });
        DifferentialCase c = new DifferentialCase("ForeignShapesTest." + simpleName, d, 0, ShapeTest.SEED ^ simpleName.hashCode(),
                "-Dweft.itest.seed=" + ShapeTest.SEED, null);
        return Stream.concat(Stream.of(rewritten), c.tests());
    }

    @TestFactory
    Stream<DynamicNode> severalDupsOfAnObjectUnderConstruction() throws Exception {
        return run("SeveralDups", ForeignShapesTest::severalDups);
    }

    @TestFactory
    Stream<DynamicNode> swapOfAnObjectUnderConstruction() throws Exception {
        return run("Swapped", ForeignShapesTest::swapped);
    }

    @TestFactory
    Stream<DynamicNode> objectUnderConstructionInALocalAcrossAwaits() throws Exception {
        return run("StoredInALocal", ForeignShapesTest::storedInALocal);
    }

    @TestFactory
    Stream<DynamicNode> thisOverwrittenWhileItIsTheReceiverOnTheStack() throws Exception {
        return run("ThisReplaced", ForeignShapesTest::thisReplacedUnderTheReceiver, "self=self");
    }
}
