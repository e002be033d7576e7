package dev.weft.agent.analysis;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.SourceInterpreter;
import org.objectweb.asm.tree.analysis.SourceValue;

/**
 * Which instance calls of a method are made on its own {@code this}: the receiver on the operand
 * stack at the call was pushed by {@code aload 0} on every path, and the method never stores
 * into slot 0, so the slot still holds that receiver before and after the call.
 *
 * <p>A call known to be made on {@code this} can leave its arguments on the operand stack: its
 * receiver is read from slot 0 whenever it is needed again. Any doubt (a static method, a store
 * to slot 0, a receiver that may come from elsewhere, a method the analysis cannot follow)
 * answers no.
 */
public final class ThisReceivers {
    private final Set<MethodInsnNode> onThis;

    private ThisReceivers(Set<MethodInsnNode> onThis) {
        this.onThis = onThis;
    }

    /**
     * @param owner the internal name of the declaring class
     * @param method the method, with valid {@code maxLocals} and {@code maxStack}
     * @param calls the instance calls to examine
     * @return which of them are made on {@code this}
     */
    public static ThisReceivers analyze(String owner, MethodNode method, List<MethodInsnNode> calls) {
        Set<MethodInsnNode> onThis = new HashSet<>();
        if ((method.access & Opcodes.ACC_STATIC) != 0 || calls.stream().allMatch(c -> c.getOpcode() == Opcodes.INVOKESTATIC)
                || writesSlotZero(method)) {
            return new ThisReceivers(onThis);
        }
        Frame<SourceValue>[] frames;
        try {
            frames = new Analyzer<>(new SourceInterpreter()).analyze(owner, method);
        } catch (AnalyzerException | RuntimeException e) {
            return new ThisReceivers(onThis);
        }
        for (MethodInsnNode call : calls) {
            if (call.getOpcode() == Opcodes.INVOKESTATIC) {
                continue;
            }
            Frame<SourceValue> f = frames[method.instructions.indexOf(call)];
            if (f == null) {
                continue;
            }
            SourceValue receiver = f.getStack(f.getStackSize() - Type.getArgumentTypes(call.desc).length - 1);
            if (!receiver.insns.isEmpty() && receiver.insns.stream().allMatch(ThisReceivers::loadsThis)) {
                onThis.add(call);
            }
        }
        return new ThisReceivers(onThis);
    }

    /** @return whether {@code call}'s receiver is this method's {@code this} */
    public boolean isOnThis(MethodInsnNode call) {
        return onThis.contains(call);
    }

    private static boolean loadsThis(AbstractInsnNode insn) {
        return insn.getOpcode() == Opcodes.ALOAD && ((VarInsnNode) insn).var == 0;
    }

    private static boolean writesSlotZero(MethodNode method) {
        for (AbstractInsnNode insn = method.instructions.getFirst(); insn != null; insn = insn.getNext()) {
            if (insn instanceof VarInsnNode && ((VarInsnNode) insn).var == 0 && insn.getOpcode() >= Opcodes.ISTORE
                    && insn.getOpcode() <= Opcodes.ASTORE) {
                return true;
            }
        }
        return false;
    }
}
