package dev.weft.agent.transform;

import dev.weft.agent.abi.RuntimeAbi;
import dev.weft.agent.classify.SuspendableIndex;
import dev.weft.agent.diagnostics.TransformException;
import dev.weft.agent.diagnostics.TransformRule;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;

/**
 * Rewrites the suspendable methods of one class. Which methods: those annotated
 * {@code @Suspendable}, those overriding or implementing a suspendable method, lambda bodies of
 * suspendable functional interfaces, and the bridges {@link LambdaBridges} adds. Those with a
 * suspension point become resumable frames; those without one only consume the arming token at
 * entry ({@link EntryDisarm}), so a call they forward through code that is not rewritten pins.
 * A method that breaks a rule, or on which the agent fails in any way (including a method too
 * large after rewriting), is reported in {@link Result#refusals()} and its body replaced by a
 * throw of the same message: the class still loads, every other method of it is rewritten, the
 * problem is logged at load time, and the method cannot run half-rewritten.
 */
public final class CoroutineClassTransformer {
    /** Oldest class-file major version handled (Java 8; the agent itself needs 17 to run). */
    static final int MIN_VERSION = Opcodes.V1_8;
    /** Newest class-file major version handled (Java 25). */
    static final int MAX_VERSION = Opcodes.V25;

    private CoroutineClassTransformer() {
    }

    /** What a transformation did. */
    public record Result(byte[] bytes, List<String> methods, List<TransformException> refusals) {
    }

    /**
     * Transforms a class file.
     *
     * @param classFile the original bytes
     * @param index the suspendability oracle of the class's loader
     * @param mayAddMethods false when retransforming an already loaded class
     * @return the result, or null if nothing in the class needs rewriting
     * @throws TransformException if the class-file version is not supported and it needs rewriting
     */
    public static Result transform(byte[] classFile, SuspendableIndex index, boolean mayAddMethods) {
        ClassReader reader = new ClassReader(classFile);
        if (!mentionsWeft(classFile) && !index.hasSuspendableAncestry(reader.getSuperName(), reader.getInterfaces())) {
            return null; // no annotation, no await, no suspendable lambda, nothing to override
        }
        ClassNode cn = new ClassNode();
        reader.accept(cn, ClassReader.EXPAND_FRAMES);
        if (isMarked(cn) || cn.name.startsWith(RuntimeAbi.ABI_PACKAGE) || cn.name.equals(RuntimeAbi.ASYNC)) {
            return null;
        }
        int major = cn.version & 0xFFFF;
        LambdaBridges lambdas = LambdaBridges.scan(cn, index, mayAddMethods);
        List<String> changed = new ArrayList<>();
        List<TransformException> refusals = new ArrayList<>();
        java.util.Map<MethodNode, Integer> suspensionPoints = new java.util.IdentityHashMap<>();
        for (MethodNode m : cn.methods) {
            boolean annotated = isAnnotated(m);
            if (m.name.equals("<init>") || m.name.equals("<clinit>")) {
                if (annotated) {
                    refuse(cn, m, new TransformException(TransformRule.SUSPENDABLE_CONSTRUCTOR, cn.name, m.name + m.desc, cn.sourceFile,
                            firstLine(m), null), refusals);
                }
                continue;
            }
            if ((m.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
                continue;
            }
            String token = lambdas.tokens.get(m.name + m.desc);
            boolean reachedThroughProxy = token != null;
            if (token == null) {
                if (!annotated && !index.isSuspendableDeclared(cn.name, m.name, m.desc)) {
                    continue;
                }
                token = RuntimeAbi.token(m.name, m.desc);
            }
            if (major < MIN_VERSION || major > MAX_VERSION) {
                refuse(cn, m, new TransformException(TransformRule.UNSUPPORTED_CLASS_VERSION, cn.name, m.name + m.desc, cn.sourceFile,
                        firstLine(m), "class-file major version " + major), refusals);
                continue;
            }
            try {
                MethodNode copy = copyOf(m);
                int points = CoroutineMethodTransformer.transform(cn.name, cn.sourceFile, copy, token, reachedThroughProxy, index);
                if (points > 0) {
                    replaceBody(m, copy);
                    changed.add(m.name + m.desc + " (" + points + " suspension point" + (points == 1 ? "" : "s") + ")");
                    suspensionPoints.put(m, points);
                } else {
                    EntryDisarm.prepend(m);
                    changed.add(m.name + m.desc + " (entry only)");
                }
            } catch (TransformException e) {
                refuse(cn, m, e, refusals);
            } catch (RuntimeException | LinkageError e) {
                // A bug of the agent or a shape nobody anticipated: this method alone is refused.
                refuse(cn, m, new TransformException(TransformRule.INTERNAL_ERROR, cn.name, m.name + m.desc, cn.sourceFile,
                        firstLine(m), e.toString()), refusals);
            }
        }
        if (changed.isEmpty() && refusals.isEmpty() && lambdas.bridges.isEmpty()) {
            return null;
        }
        if (cn.visibleAnnotations == null) {
            cn.visibleAnnotations = new ArrayList<>();
        }
        AnnotationNode marker = new AnnotationNode(RuntimeAbi.INSTRUMENTED_DESC);
        marker.values = new ArrayList<>(List.of("methods", new ArrayList<>(changed)));
        cn.visibleAnnotations.add(marker);
        return new Result(write(cn, index, suspensionPoints, refusals), changed, refusals);
    }

    /**
     * Writes the class; a rewritten method that cannot be written (too large after rewriting,
     * or frames that cannot be computed) is refused alone and the class written again.
     */
    private static byte[] write(ClassNode cn, SuspendableIndex index, java.util.Map<MethodNode, Integer> points,
                                List<TransformException> refusals) {
        while (true) {
            try {
                PoolClassWriter writer = new PoolClassWriter(index);
                cn.accept(writer);
                return writer.toByteArray();
            } catch (MethodTooLargeException e) {
                MethodNode m = find(cn, e.getMethodName(), e.getDescriptor());
                if (m == null || !points.containsKey(m)) {
                    throw e; // too large before rewriting: the JVM would refuse the original too
                }
                refuse(cn, m, new TransformException(TransformRule.METHOD_TOO_LARGE, cn.name, m.name + m.desc, cn.sourceFile,
                        firstLine(m), points.get(m) + " suspension points make it " + e.getCodeSize()
                        + " bytes of code after rewriting, over the JVM's limit of 65535; split the method"), refusals);
                points.remove(m);
            } catch (RuntimeException | LinkageError e) {
                MethodNode m = firstUnwritable(cn, index, points.keySet());
                if (m == null) {
                    throw e;
                }
                refuse(cn, m, new TransformException(TransformRule.INTERNAL_ERROR, cn.name, m.name + m.desc, cn.sourceFile,
                        firstLine(m), "writing the rewritten method failed: " + e), refusals);
                points.remove(m);
            }
        }
    }

    /** The first rewritten method that cannot be written in a class of its own, or null. */
    private static MethodNode firstUnwritable(ClassNode cn, SuspendableIndex index, java.util.Set<MethodNode> rewritten) {
        for (MethodNode m : cn.methods) {
            if (!rewritten.contains(m)) {
                continue;
            }
            ClassNode alone = new ClassNode();
            alone.version = cn.version;
            alone.access = cn.access;
            alone.name = cn.name;
            alone.superName = cn.superName;
            alone.interfaces = cn.interfaces;
            alone.methods.add(m);
            try {
                alone.accept(new PoolClassWriter(index));
            } catch (RuntimeException | LinkageError e) {
                return m;
            }
        }
        return null;
    }

    private static MethodNode find(ClassNode cn, String name, String desc) {
        for (MethodNode m : cn.methods) {
            if (m.name.equals(name) && m.desc.equals(desc)) {
                return m;
            }
        }
        return null;
    }

    private static final byte[] WEFT = "dev/weft/".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** Whether the constant pool can name a Weft type; ASCII names appear verbatim in modified UTF-8. */
    private static boolean mentionsWeft(byte[] b) {
        outer:
        for (int i = 0, n = b.length - WEFT.length; i <= n; i++) {
            for (int j = 0; j < WEFT.length; j++) {
                if (b[i + j] != WEFT[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean isMarked(ClassNode cn) {
        if (cn.visibleAnnotations != null) {
            for (AnnotationNode a : cn.visibleAnnotations) {
                if (a.desc.equals(RuntimeAbi.INSTRUMENTED_DESC)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isAnnotated(MethodNode m) {
        if (m.visibleAnnotations != null) {
            for (AnnotationNode a : m.visibleAnnotations) {
                if (a.desc.equals(RuntimeAbi.SUSPENDABLE_DESC)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int firstLine(MethodNode m) {
        for (var n = m.instructions.getFirst(); n != null; n = n.getNext()) {
            if (n instanceof org.objectweb.asm.tree.LineNumberNode) {
                return ((org.objectweb.asm.tree.LineNumberNode) n).line;
            }
        }
        return -1;
    }

    private static MethodNode copyOf(MethodNode m) {
        MethodNode copy = new MethodNode(Opcodes.ASM9, m.access, m.name, m.desc, m.signature,
                m.exceptions == null ? null : m.exceptions.toArray(new String[0]));
        m.accept(copy);
        return copy;
    }

    private static void replaceBody(MethodNode target, MethodNode from) {
        target.instructions = from.instructions;
        target.tryCatchBlocks = from.tryCatchBlocks;
        target.localVariables = from.localVariables;
        target.maxLocals = from.maxLocals;
        target.maxStack = from.maxStack;
        target.visibleLocalVariableAnnotations = from.visibleLocalVariableAnnotations;
        target.invisibleLocalVariableAnnotations = from.invisibleLocalVariableAnnotations;
        target.visibleTypeAnnotations = from.visibleTypeAnnotations;
        target.invisibleTypeAnnotations = from.invisibleTypeAnnotations;
    }

    /** Replaces the body by {@code throw new LinkageError(message)} and records the refusal. */
    private static void refuse(ClassNode cn, MethodNode m, TransformException e, List<TransformException> refusals) {
        refusals.add(e);
        m.instructions.clear();
        m.tryCatchBlocks.clear();
        if (m.localVariables != null) {
            m.localVariables.clear();
        }
        m.visibleLocalVariableAnnotations = null;
        m.invisibleLocalVariableAnnotations = null;
        m.instructions.add(new TypeInsnNode(Opcodes.NEW, "java/lang/LinkageError"));
        m.instructions.add(new InsnNode(Opcodes.DUP));
        m.instructions.add(new LdcInsnNode(e.getMessage()));
        m.instructions.add(new org.objectweb.asm.tree.MethodInsnNode(Opcodes.INVOKESPECIAL, "java/lang/LinkageError", "<init>",
                "(Ljava/lang/String;)V", false));
        m.instructions.add(new InsnNode(Opcodes.ATHROW));
    }

}
