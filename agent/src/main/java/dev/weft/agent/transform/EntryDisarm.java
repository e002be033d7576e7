package dev.weft.agent.transform;

import dev.weft.agent.abi.RuntimeAbi;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The entry of a suspendable method that has no suspension point of its own:
 * {@code c = Continuation.current(); if (c != null) c.disarm();}.
 *
 * <p>Invariant it keeps: the arming token a caller set is consumed by the first method that
 * answers to it, rewritten or not. A method like this cannot unwind, so whatever suspendable
 * method it reaches next through code that is not rewritten (reflection, a plain functional
 * interface, a {@code super} call from a lambda, a Byte Buddy {@code @SuperCall}) finds no token
 * and pins instead of suspending through this frame.
 */
final class EntryDisarm {
    private EntryDisarm() {
    }

    /** @param m a method with a body; gets the disarm prologue (uses no local, two stack slots) */
    static void prepend(MethodNode m) {
        InsnList p = new InsnList();
        LabelNode none = new LabelNode();
        LabelNode body = new LabelNode();
        p.add(new MethodInsnNode(Opcodes.INVOKESTATIC, RuntimeAbi.CONTINUATION, RuntimeAbi.CURRENT, RuntimeAbi.CURRENT_DESC, false));
        p.add(new InsnNode(Opcodes.DUP));
        p.add(new JumpInsnNode(Opcodes.IFNULL, none));
        p.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, RuntimeAbi.CONTINUATION, RuntimeAbi.DISARM, "()V", false));
        p.add(new JumpInsnNode(Opcodes.GOTO, body));
        p.add(none);
        p.add(new InsnNode(Opcodes.POP));
        p.add(body);
        m.instructions.insert(p);
        m.maxStack = Math.max(m.maxStack, 2);
    }
}
