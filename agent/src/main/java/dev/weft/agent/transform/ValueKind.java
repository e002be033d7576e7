package dev.weft.agent.transform;

import dev.weft.agent.abi.RuntimeAbi;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * How one saved value is stored, loaded, pushed into and popped from the frame store: one constant
 * per JVM value category, plus {@link #NULL} for a slot the verifier only knows as {@code null}
 * (nothing is saved; restoring stores {@code null} again).
 */
enum ValueKind {
    INT(Opcodes.ILOAD, Opcodes.ISTORE, "I", 1),
    LONG(Opcodes.LLOAD, Opcodes.LSTORE, "J", 2),
    FLOAT(Opcodes.FLOAD, Opcodes.FSTORE, "F", 1),
    DOUBLE(Opcodes.DLOAD, Opcodes.DSTORE, "D", 2),
    REF(Opcodes.ALOAD, Opcodes.ASTORE, "Ljava/lang/Object;", 1),
    NULL(Opcodes.ALOAD, Opcodes.ASTORE, null, 1);

    final int load;
    final int store;
    private final String desc;
    final int size;

    ValueKind(int load, int store, String desc, int size) {
        this.load = load;
        this.store = store;
        this.desc = desc;
        this.size = size;
    }

    /**
     * @param frameType a type in {@code AnalyzerAdapter} encoding
     * @return its kind, or null for top, uninitialized objects and {@code uninitializedThis}
     */
    static ValueKind of(Object frameType) {
        if (frameType == Opcodes.INTEGER) {
            return INT;
        } else if (frameType == Opcodes.LONG) {
            return LONG;
        } else if (frameType == Opcodes.FLOAT) {
            return FLOAT;
        } else if (frameType == Opcodes.DOUBLE) {
            return DOUBLE;
        } else if (frameType == Opcodes.NULL) {
            return NULL;
        } else if (frameType instanceof String) {
            return REF;
        }
        return null;
    }

    private String suffix() {
        switch (this) {
            case INT: return "Int";
            case LONG: return "Long";
            case FLOAT: return "Float";
            case DOUBLE: return "Double";
            default: return "Ref";
        }
    }

    /** Appends {@code c.pushX(slot)}; the continuation is in {@code contSlot}. */
    void emitSave(InsnList out, int contSlot, int slot) {
        if (this == NULL) {
            return;
        }
        out.add(new VarInsnNode(Opcodes.ALOAD, contSlot));
        out.add(new VarInsnNode(load, slot));
        out.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, RuntimeAbi.CONTINUATION, "push" + suffix(), "(" + desc + ")V", false));
    }

    /** Appends {@code slot = (type) c.popX()}. */
    void emitRestore(InsnList out, int contSlot, int slot, Object frameType) {
        if (this == NULL) {
            out.add(new InsnNode(Opcodes.ACONST_NULL));
            out.add(new VarInsnNode(Opcodes.ASTORE, slot));
            return;
        }
        out.add(new VarInsnNode(Opcodes.ALOAD, contSlot));
        out.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, RuntimeAbi.CONTINUATION, "pop" + suffix(), "()" + desc, false));
        if (this == REF && !"java/lang/Object".equals(frameType)) {
            out.add(new TypeInsnNode(Opcodes.CHECKCAST, (String) frameType));
        }
        out.add(new VarInsnNode(store, slot));
    }

    /**
     * Appends {@code c.pushX(v)} for the value {@code v} on top of the operand stack, which it
     * consumes; nothing is pushed for {@link #NULL}, whose value is only dropped.
     */
    void emitSaveFromStack(InsnList out, int contSlot) {
        if (this == NULL) {
            out.add(new InsnNode(Opcodes.POP));
            return;
        }
        out.add(new VarInsnNode(Opcodes.ALOAD, contSlot));
        if (size == 2) {
            out.add(new InsnNode(Opcodes.DUP_X2));
            out.add(new InsnNode(Opcodes.POP));
        } else {
            out.add(new InsnNode(Opcodes.SWAP));
        }
        out.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, RuntimeAbi.CONTINUATION, "push" + suffix(), "(" + desc + ")V", false));
    }

    /** Appends {@code (type) c.popX()}, left on the operand stack. */
    void emitRestoreToStack(InsnList out, int contSlot, Object frameType) {
        if (this == NULL) {
            out.add(new InsnNode(Opcodes.ACONST_NULL));
            return;
        }
        out.add(new VarInsnNode(Opcodes.ALOAD, contSlot));
        out.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, RuntimeAbi.CONTINUATION, "pop" + suffix(), "()" + desc, false));
        if (this == REF && !"java/lang/Object".equals(frameType)) {
            out.add(new TypeInsnNode(Opcodes.CHECKCAST, (String) frameType));
        }
    }

    /** Appends an instruction that pushes a placeholder of this kind (zero or {@code null}). */
    void emitPlaceholder(InsnList out) {
        switch (this) {
            case INT: out.add(new InsnNode(Opcodes.ICONST_0)); break;
            case LONG: out.add(new InsnNode(Opcodes.LCONST_0)); break;
            case FLOAT: out.add(new InsnNode(Opcodes.FCONST_0)); break;
            case DOUBLE: out.add(new InsnNode(Opcodes.DCONST_0)); break;
            default: out.add(new InsnNode(Opcodes.ACONST_NULL)); break;
        }
    }

    static boolean isUninitialized(Object frameType) {
        return frameType instanceof Label || frameType == Opcodes.UNINITIALIZED_THIS;
    }

    /** @return an instruction that pushes the default value of a return type */
    static AbstractInsnNode dummyFor(org.objectweb.asm.Type returnType) {
        switch (returnType.getSort()) {
            case org.objectweb.asm.Type.VOID: return null;
            case org.objectweb.asm.Type.LONG: return new InsnNode(Opcodes.LCONST_0);
            case org.objectweb.asm.Type.FLOAT: return new InsnNode(Opcodes.FCONST_0);
            case org.objectweb.asm.Type.DOUBLE: return new InsnNode(Opcodes.DCONST_0);
            case org.objectweb.asm.Type.OBJECT:
            case org.objectweb.asm.Type.ARRAY: return new InsnNode(Opcodes.ACONST_NULL);
            default: return new InsnNode(Opcodes.ICONST_0);
        }
    }
}
