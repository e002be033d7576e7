package dev.weft.agent.transform;

import dev.weft.agent.analysis.FrameTypes;
import dev.weft.agent.diagnostics.TransformException;
import dev.weft.agent.diagnostics.TransformRule;
import java.util.Collection;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Moves {@code NEW}/{@code DUP} past the constructor's arguments when a suspension point lies
 * among them: {@code new Foo(a, await(x), b)} leaves two uninitialized references on the operand
 * stack at the await, and those cannot be saved. After this pass the arguments are computed
 * first, stored in fresh locals at the constructor call, and {@code NEW, DUP, load args,
 * INVOKESPECIAL} follows. Evaluation order of the arguments is unchanged; only the allocation
 * moves, which no Java code can observe.
 */
final class NewHoister {
    private NewHoister() {
    }

    /**
     * @param owner the class, for messages
     * @param method the method to change (its expanded frames are fixed up too)
     * @param frames the method's frame types before the change
     * @param uninitialized labels of the uninitialized objects to hoist
     * @param line source line, for messages
     * @param sourceFile source file, for messages
     */
    static void hoist(String owner, MethodNode method, FrameTypes frames, Collection<Label> uninitialized, int line, String sourceFile) {
        for (Label label : uninitialized) {
            TypeInsnNode newInsn = frames.newOf(label);
            MethodInsnNode init = frames.initOf(label);
            AbstractInsnNode dup = newInsn == null ? null : nextReal(newInsn);
            if (newInsn == null || init == null || dup == null || dup.getOpcode() != Opcodes.DUP) {
                throw new TransformException(TransformRule.UNSUPPORTED_SHAPE, owner, method.name + method.desc, sourceFile, line,
                        "an object under construction is on the operand stack at a suspension point, and its NEW is not followed by DUP");
            }
            InsnList insns = method.instructions;
            insns.remove(newInsn);
            insns.remove(dup);
            Type[] args = Type.getArgumentTypes(init.desc);
            int[] slots = new int[args.length];
            for (int i = 0; i < args.length; i++) {
                slots[i] = method.maxLocals;
                method.maxLocals += args[i].getSize();
            }
            InsnList before = new InsnList();
            for (int i = args.length - 1; i >= 0; i--) {
                before.add(new VarInsnNode(args[i].getOpcode(Opcodes.ISTORE), slots[i]));
            }
            before.add(new TypeInsnNode(Opcodes.NEW, newInsn.desc));
            before.add(new InsnNode(Opcodes.DUP));
            for (int i = 0; i < args.length; i++) {
                before.add(new VarInsnNode(args[i].getOpcode(Opcodes.ILOAD), slots[i]));
            }
            insns.insertBefore(init, before);
            dropFromFrames(insns, label);
        }
    }

    private static AbstractInsnNode nextReal(AbstractInsnNode insn) {
        AbstractInsnNode n = insn.getNext();
        while (n != null && n.getOpcode() < 0) {
            n = n.getNext();
        }
        return n;
    }

    /** Stack map frames between the old NEW and the constructor call no longer hold the two references. */
    private static void dropFromFrames(InsnList insns, Label label) {
        for (AbstractInsnNode n = insns.getFirst(); n != null; n = n.getNext()) {
            if (n instanceof FrameNode) {
                FrameNode f = (FrameNode) n;
                if (f.stack != null) {
                    f.stack.removeIf(e -> e instanceof LabelNode && ((LabelNode) e).getLabel() == label);
                }
            }
        }
    }

}
