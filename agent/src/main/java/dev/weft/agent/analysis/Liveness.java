package dev.weft.agent.analysis;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Which local slots are live (may be read before being written) before each instruction: the
 * classic backward data-flow, with an edge from every instruction inside a try range to its
 * handler. Only live locals are saved when a frame unwinds.
 *
 * <p>A slot holding a {@code long} or {@code double} is identified by its first index.
 */
public final class Liveness {
    private final BitSet[] liveIn;

    private Liveness(BitSet[] liveIn) {
        this.liveIn = liveIn;
    }

    /**
     * @param method the method to analyze
     * @return the live slots before each instruction
     */
    public static Liveness analyze(MethodNode method) {
        InsnList insns = method.instructions;
        int n = insns.size();
        AbstractInsnNode[] arr = insns.toArray();
        List<List<Integer>> succ = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            succ.add(successors(arr, i, insns));
        }
        List<List<Integer>> handlers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            handlers.add(new ArrayList<>(1));
        }
        for (TryCatchBlockNode tcb : method.tryCatchBlocks) {
            int start = insns.indexOf(tcb.start);
            int end = insns.indexOf(tcb.end);
            int handler = insns.indexOf(tcb.handler);
            for (int i = start; i < end; i++) {
                handlers.get(i).add(handler);
            }
        }
        BitSet[] in = new BitSet[n];
        for (int i = 0; i < n; i++) {
            in[i] = new BitSet();
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = n - 1; i >= 0; i--) {
                BitSet out = new BitSet();
                for (int s : succ.get(i)) {
                    out.or(in[s]);
                }
                AbstractInsnNode insn = arr[i];
                BitSet live = (BitSet) out.clone();
                if (insn instanceof VarInsnNode) {
                    VarInsnNode v = (VarInsnNode) insn;
                    if (v.getOpcode() >= Opcodes.ISTORE && v.getOpcode() <= Opcodes.ASTORE) {
                        live.clear(v.var);
                    } else {
                        live.set(v.var);
                    }
                } else if (insn instanceof IincInsnNode) {
                    live.set(((IincInsnNode) insn).var);
                }
                // An exception may leave before the store: the handler's needs hold on entry.
                for (int h : handlers.get(i)) {
                    live.or(in[h]);
                }
                if (!live.equals(in[i])) {
                    in[i] = live;
                    changed = true;
                }
            }
        }
        return new Liveness(in);
    }

    private static List<Integer> successors(AbstractInsnNode[] arr, int i, InsnList insns) {
        AbstractInsnNode insn = arr[i];
        List<Integer> out = new ArrayList<>(2);
        int op = insn.getOpcode();
        if (insn instanceof JumpInsnNode) {
            out.add(insns.indexOf(((JumpInsnNode) insn).label));
            if (op != Opcodes.GOTO) {
                addNext(out, i, arr.length);
            }
        } else if (insn instanceof TableSwitchInsnNode) {
            TableSwitchInsnNode t = (TableSwitchInsnNode) insn;
            out.add(insns.indexOf(t.dflt));
            for (LabelNode l : t.labels) {
                out.add(insns.indexOf(l));
            }
        } else if (insn instanceof LookupSwitchInsnNode) {
            LookupSwitchInsnNode t = (LookupSwitchInsnNode) insn;
            out.add(insns.indexOf(t.dflt));
            for (LabelNode l : t.labels) {
                out.add(insns.indexOf(l));
            }
        } else if ((op >= Opcodes.IRETURN && op <= Opcodes.RETURN) || op == Opcodes.ATHROW) {
            // no successor
        } else {
            addNext(out, i, arr.length);
        }
        return out;
    }

    private static void addNext(List<Integer> out, int i, int n) {
        if (i + 1 < n) {
            out.add(i + 1);
        }
    }

    /**
     * @param index instruction index
     * @param slot local slot
     * @return true if the slot is live before the instruction
     */
    public boolean isLive(int index, int slot) {
        return liveIn[index].get(slot);
    }
}
