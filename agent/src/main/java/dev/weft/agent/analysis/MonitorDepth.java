package dev.weft.agent.analysis;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;

/**
 * How many monitors are held before each instruction ({@code synchronized} blocks), by a forward
 * pass over the control-flow graph. javac balances {@code monitorenter}/{@code monitorexit} on
 * every path, so each reachable instruction has one depth; the maximum is kept if not.
 */
public final class MonitorDepth {
    private final int[] depth;

    private MonitorDepth(int[] depth) {
        this.depth = depth;
    }

    /**
     * @param method the method
     * @return monitor depth before each instruction (-1 if unreachable)
     */
    public static MonitorDepth analyze(MethodNode method) {
        InsnList insns = method.instructions;
        int n = insns.size();
        int[] depth = new int[n];
        Arrays.fill(depth, -1);
        if (n == 0) {
            return new MonitorDepth(depth);
        }
        AbstractInsnNode[] arr = insns.toArray();
        Deque<Integer> work = new ArrayDeque<>();
        depth[0] = 0;
        work.add(0);
        while (!work.isEmpty()) {
            int i = work.poll();
            int d = depth[i];
            AbstractInsnNode insn = arr[i];
            int op = insn.getOpcode();
            int after = op == Opcodes.MONITORENTER ? d + 1 : op == Opcodes.MONITOREXIT ? Math.max(0, d - 1) : d;
            for (TryCatchBlockNode tcb : method.tryCatchBlocks) {
                if (i >= insns.indexOf(tcb.start) && i < insns.indexOf(tcb.end)) {
                    push(work, depth, insns.indexOf(tcb.handler), d);
                }
            }
            if (insn instanceof JumpInsnNode) {
                push(work, depth, insns.indexOf(((JumpInsnNode) insn).label), after);
                if (op != Opcodes.GOTO && i + 1 < n) {
                    push(work, depth, i + 1, after);
                }
            } else if (insn instanceof TableSwitchInsnNode) {
                TableSwitchInsnNode t = (TableSwitchInsnNode) insn;
                push(work, depth, insns.indexOf(t.dflt), after);
                for (LabelNode l : t.labels) {
                    push(work, depth, insns.indexOf(l), after);
                }
            } else if (insn instanceof LookupSwitchInsnNode) {
                LookupSwitchInsnNode t = (LookupSwitchInsnNode) insn;
                push(work, depth, insns.indexOf(t.dflt), after);
                for (LabelNode l : t.labels) {
                    push(work, depth, insns.indexOf(l), after);
                }
            } else if (!((op >= Opcodes.IRETURN && op <= Opcodes.RETURN) || op == Opcodes.ATHROW) && i + 1 < n) {
                push(work, depth, i + 1, after);
            }
        }
        return new MonitorDepth(depth);
    }

    private static void push(Deque<Integer> work, int[] depth, int target, int d) {
        if (d > depth[target]) {
            depth[target] = d;
            work.add(target);
        }
    }

    /**
     * @param index instruction index
     * @return monitors held before it, or -1 if it is unreachable
     */
    public int at(int index) {
        return depth[index];
    }
}
