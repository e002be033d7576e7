package dev.weft.agent.transform;

import dev.weft.agent.abi.RuntimeAbi;
import dev.weft.agent.classify.SuspendableIndex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Lambdas and method references whose functional interface method is suspendable.
 *
 * <p>The lambda proxy class is hidden and cannot be rewritten; it only forwards, so it is
 * transparent, but what it forwards to is entered with the token of the interface method (the
 * caller armed {@code call()Ljava/lang/Object;}, say). So: a lambda body ({@code lambda$...} in
 * this class) answers to the interface method's token; a method reference to a suspendable
 * method is redirected through a private static bridge in this class that answers to the
 * interface method's token and calls the target as an ordinary suspension point. The bridge has
 * the target's own shape (receiver first for instance methods), so the lambda factory adapts
 * arguments exactly as before.
 */
final class LambdaBridges {
    private static final String LMF = "java/lang/invoke/LambdaMetafactory";
    private static final int FLAG_SERIALIZABLE = 1;

    /** Token of each lambda body or bridge in this class, keyed by name + descriptor. */
    final Map<String, String> tokens = new HashMap<>();
    /** Bridges added to the class. */
    final List<MethodNode> bridges = new ArrayList<>();

    /**
     * Scans {@code cn} and, if {@code mayAddMethods}, adds bridges for method references.
     *
     * @param cn the class
     * @param index the suspendability oracle
     * @param mayAddMethods false when retransforming a loaded class (no new methods allowed)
     * @return what was found
     */
    static LambdaBridges scan(ClassNode cn, SuspendableIndex index, boolean mayAddMethods) {
        LambdaBridges out = new LambdaBridges();
        Map<String, Handle> bridgeFor = new HashMap<>();
        for (MethodNode m : new ArrayList<>(cn.methods)) {
            for (AbstractInsnNode insn = m.instructions.getFirst(); insn != null; insn = insn.getNext()) {
                if (!(insn instanceof InvokeDynamicInsnNode)) {
                    continue;
                }
                InvokeDynamicInsnNode indy = (InvokeDynamicInsnNode) insn;
                if (!indy.bsm.getOwner().equals(LMF) || indy.bsmArgs.length < 3 || !(indy.bsmArgs[1] instanceof Handle)) {
                    continue;
                }
                Type samType = (Type) indy.bsmArgs[0];
                String iface = Type.getReturnType(indy.desc).getInternalName();
                if (!index.isSuspendableCall(iface, indy.name, samType.getDescriptor())) {
                    continue;
                }
                String samToken = RuntimeAbi.token(indy.name, samType.getDescriptor());
                Handle impl = (Handle) indy.bsmArgs[1];
                if (impl.getOwner().equals(cn.name) && impl.getName().startsWith("lambda$")) {
                    out.tokens.put(impl.getName() + impl.getDesc(), samToken);
                    continue;
                }
                boolean serializable = indy.bsm.getName().equals("altMetafactory") && indy.bsmArgs.length > 3
                        && indy.bsmArgs[3] instanceof Integer && (((Integer) indy.bsmArgs[3]) & FLAG_SERIALIZABLE) != 0;
                if (!mayAddMethods || serializable || impl.getTag() == Opcodes.H_NEWINVOKESPECIAL
                        || !index.isSuspendableCall(impl.getOwner(), impl.getName(), impl.getDesc())) {
                    continue;
                }
                String key = impl + "|" + samToken;
                Handle bridge = bridgeFor.get(key);
                if (bridge == null) {
                    MethodNode b = bridge(cn, impl, out.bridges.size());
                    out.bridges.add(b);
                    out.tokens.put(b.name + b.desc, samToken);
                    bridge = new Handle(Opcodes.H_INVOKESTATIC, cn.name, b.name, b.desc, (cn.access & Opcodes.ACC_INTERFACE) != 0);
                    bridgeFor.put(key, bridge);
                }
                indy.bsmArgs[1] = bridge;
            }
        }
        cn.methods.addAll(out.bridges);
        return out;
    }

    private static MethodNode bridge(ClassNode cn, Handle impl, int n) {
        boolean isStatic = impl.getTag() == Opcodes.H_INVOKESTATIC;
        Type[] args = Type.getArgumentTypes(impl.getDesc());
        Type ret = Type.getReturnType(impl.getDesc());
        List<Type> params = new ArrayList<>();
        if (!isStatic) {
            params.add(Type.getObjectType(impl.getOwner()));
        }
        params.addAll(List.of(args));
        String desc = Type.getMethodDescriptor(ret, params.toArray(new Type[0]));
        MethodNode b = new MethodNode(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC,
                "weft$ref$" + n, desc, null, null);
        int slot = 0;
        for (Type t : params) {
            b.instructions.add(new VarInsnNode(t.getOpcode(Opcodes.ILOAD), slot));
            slot += t.getSize();
        }
        int opcode;
        switch (impl.getTag()) {
            case Opcodes.H_INVOKESTATIC: opcode = Opcodes.INVOKESTATIC; break;
            case Opcodes.H_INVOKEINTERFACE: opcode = Opcodes.INVOKEINTERFACE; break;
            case Opcodes.H_INVOKESPECIAL: opcode = Opcodes.INVOKESPECIAL; break;
            default: opcode = Opcodes.INVOKEVIRTUAL; break;
        }
        b.instructions.add(new MethodInsnNode(opcode, impl.getOwner(), impl.getName(), impl.getDesc(), impl.isInterface()));
        b.instructions.add(new InsnNode(ret.getOpcode(Opcodes.IRETURN)));
        b.maxLocals = slot;
        b.maxStack = Math.max(slot, ret.getSize());
        return b;
    }
}
