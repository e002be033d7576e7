package dev.weft.agent.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.AnalyzerAdapter;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;

/**
 * The verifier types of the locals and the operand stack before every instruction of a method,
 * computed by ASM's {@link AnalyzerAdapter} from the method's own stack map frames. Because the
 * frames javac wrote already answer every merge, no class is loaded and no class hierarchy is
 * consulted.
 *
 * <p>Types use {@link AnalyzerAdapter}'s encoding: {@link Opcodes#INTEGER} and the other
 * {@code Integer} constants for primitives, {@code null} and {@code top}, a {@code String} for a
 * reference type (internal name or array descriptor), and a {@link Label} for an object created
 * by {@code NEW} and not yet initialized. {@code long} and {@code double} take two entries, the
 * second {@link Opcodes#TOP}.
 *
 * <p>The method must have been read with {@code ClassReader.EXPAND_FRAMES}.
 */
public final class FrameTypes {
    /** Locals before instruction i (index in the instruction list); null if unreachable. */
    private final List<Object>[] locals;
    /** Operand stack before instruction i, bottom first; null if unreachable. */
    private final List<Object>[] stacks;
    /** Uninitialized-object label -> the NEW instruction that created it. */
    private final Map<Label, TypeInsnNode> newByLabel = new HashMap<>();
    /** Uninitialized-object label -> the constructor calls that initialize it (one in javac's code). */
    private final Map<Label, List<MethodInsnNode>> initByLabel = new HashMap<>();

    @SuppressWarnings("unchecked")
    private FrameTypes(int size) {
        locals = new List[size];
        stacks = new List[size];
    }

    /**
     * Analyzes a method.
     *
     * @param owner the internal name of the declaring class
     * @param method the method, read with expanded frames
     * @return the types before each instruction
     */
    public static FrameTypes analyze(String owner, MethodNode method) {
        int n = method.instructions.size();
        FrameTypes ft = new FrameTypes(n);
        AnalyzerAdapter adapter = new AnalyzerAdapter(owner, method.access, method.name, method.desc, null);
        AbstractInsnNode[] insns = method.instructions.toArray();
        for (int i = 0; i < n; i++) {
            AbstractInsnNode insn = insns[i];
            if (adapter.locals != null) {
                ft.locals[i] = new ArrayList<>(adapter.locals);
                ft.stacks[i] = new ArrayList<>(adapter.stack);
                if (insn.getOpcode() == Opcodes.INVOKESPECIAL && ((MethodInsnNode) insn).name.equals("<init>")) {
                    MethodInsnNode init = (MethodInsnNode) insn;
                    int argSlots = (Type.getArgumentsAndReturnSizes(init.desc) >> 2) - 1;
                    Object receiver = adapter.stack.get(adapter.stack.size() - argSlots - 1);
                    if (receiver instanceof Label) {
                        ft.initByLabel.computeIfAbsent((Label) receiver, k -> new ArrayList<>()).add(init);
                    }
                }
            }
            insn.accept(adapter);
            if (insn.getOpcode() == Opcodes.NEW && adapter.stack != null && !adapter.stack.isEmpty()) {
                Object top = adapter.stack.get(adapter.stack.size() - 1);
                if (top instanceof Label) {
                    ft.newByLabel.put((Label) top, (TypeInsnNode) insn);
                }
            }
        }
        return ft;
    }

    /**
     * @param index instruction index
     * @return the local types before it, or null if it is unreachable
     */
    public List<Object> localsAt(int index) {
        return locals[index];
    }

    /**
     * @param index instruction index
     * @return the operand stack types before it, bottom first, or null if it is unreachable
     */
    public List<Object> stackAt(int index) {
        return stacks[index];
    }

    /**
     * @param uninitialized a label standing for an uninitialized object
     * @return the {@code NEW} that created it, or null
     */
    public TypeInsnNode newOf(Label uninitialized) {
        return newByLabel.get(uninitialized);
    }

    /**
     * @param uninitialized a label standing for an uninitialized object
     * @return the reachable {@code <init>} calls that initialize it, in code order; empty if none
     */
    public List<MethodInsnNode> initsOf(Label uninitialized) {
        return initByLabel.getOrDefault(uninitialized, List.of());
    }
}
