package dev.weft.agent.transform;

import dev.weft.agent.analysis.FrameTypes;
import dev.weft.agent.diagnostics.TransformException;
import dev.weft.agent.diagnostics.TransformRule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
 * Takes objects under construction out of the frames that a suspension point must save:
 * {@code new Foo(a, await(x), b)} leaves uninitialized references on the operand stack at the
 * await (javac's switch expressions with try/catch even store them into locals), and an
 * uninitialized reference can be neither saved nor restored.
 *
 * <p>For each such object: its {@code NEW} becomes {@code NEW; POP; ACONST_NULL}, so the class
 * is initialized exactly where plain code initializes it (JLS 12.4.1: by the {@code NEW}, before
 * the arguments, also when an argument throws), and every copy of the reference — {@code DUP}s,
 * {@code SWAP}s, stores into locals, whatever the compiler did — is a {@code null} placeholder
 * until the constructor call. At each constructor call of it, the arguments (and the stack
 * down to the deepest copy) go to fresh locals, the real object is allocated and constructed
 * there, and every copy on the stack or in a local is replaced by it. Evaluation order of the
 * arguments is unchanged; only the allocation moves, which no Java code can observe. A
 * placeholder at a suspension point is a plain {@code null}: nothing is saved, and restoring
 * stores {@code null} again.
 */
final class NewHoister {
    private NewHoister() {
    }

    /** A constructor call to rewrite, with the frame before it, read before anything changed. */
    private record InitSite(Label object, MethodInsnNode init, List<Object> stack, List<Object> locals) {
    }

    /**
     * @param owner the class, for messages
     * @param method the method to change (its expanded frames are fixed up too)
     * @param frames the method's frame types before the change
     * @param uninitialized labels of the uninitialized objects held at a suspension point
     * @param line source line, for messages
     * @param sourceFile source file, for messages
     */
    static void hoist(String owner, MethodNode method, FrameTypes frames, Collection<Label> uninitialized, int line, String sourceFile) {
        Set<Label> objects = closure(method, frames, uninitialized);
        List<InitSite> sites = new ArrayList<>();
        for (Label object : objects) {
            if (frames.newOf(object) == null) {
                throw new TransformException(TransformRule.UNSUPPORTED_SHAPE, owner, method.name + method.desc, sourceFile, line,
                        "an object under construction is held at a suspension point and its NEW was not found");
            }
            for (MethodInsnNode init : frames.initsOf(object)) {
                int i = method.instructions.indexOf(init);
                sites.add(new InitSite(object, init, new ArrayList<>(frames.stackAt(i)), new ArrayList<>(frames.localsAt(i))));
            }
        }
        for (Label object : objects) {
            TypeInsnNode newInsn = frames.newOf(object);
            InsnList initOnly = new InsnList();
            initOnly.add(new TypeInsnNode(Opcodes.NEW, newInsn.desc));
            initOnly.add(new InsnNode(Opcodes.POP));
            initOnly.add(new InsnNode(Opcodes.ACONST_NULL));
            method.instructions.insertBefore(newInsn, initOnly);
            method.instructions.remove(newInsn);
        }
        for (InitSite site : sites) {
            construct(method, site, frames.newOf(site.object()).desc);
        }
        replaceInFrames(method.instructions, objects);
    }

    /**
     * The objects to take out: those given, and any other uninitialized object that sits on the
     * stack between a copy of one of them and its constructor's arguments (it must be spilled
     * too, so it must be a placeholder as well).
     */
    private static Set<Label> closure(MethodNode method, FrameTypes frames, Collection<Label> given) {
        Set<Label> objects = new LinkedHashSet<>(given);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Label object : List.copyOf(objects)) {
                for (MethodInsnNode init : frames.initsOf(object)) {
                    List<Object> stack = frames.stackAt(method.instructions.indexOf(init));
                    for (int j = stack.indexOf(object); j >= 0 && j < stack.size(); j++) {
                        if (stack.get(j) instanceof Label && objects.add((Label) stack.get(j))) {
                            grew = true;
                        }
                    }
                }
            }
        }
        return objects;
    }

    /** Replaces one constructor call of a placeholder object by allocate-and-construct. */
    private static void construct(MethodNode method, InitSite site, String type) {
        List<Object> stack = site.stack();
        int argSlots = (Type.getArgumentsAndReturnSizes(site.init().desc) >> 2) - 1;
        int receiver = stack.size() - argSlots - 1;
        int deepest = stack.indexOf(site.object());
        // Values from the deepest copy to the top of the stack, bottom first: [entry index, kind].
        List<int[]> values = new ArrayList<>();
        List<ValueKind> kinds = new ArrayList<>();
        for (int j = deepest; j < stack.size(); j++) {
            Object t = stack.get(j);
            ValueKind kind = t instanceof Label ? ValueKind.REF : ValueKind.of(t);
            if (kind == null) {
                throw new IllegalStateException("operand stack entry " + t + " under a constructor call");
            }
            values.add(new int[] {j, method.maxLocals});
            kinds.add(kind);
            method.maxLocals += kind.size;
            j += kind.size - 1;
        }
        int built = method.maxLocals++;
        InsnList out = new InsnList();
        for (int v = values.size() - 1; v >= 0; v--) {
            out.add(new VarInsnNode(kinds.get(v).store, values.get(v)[1]));
        }
        out.add(new TypeInsnNode(Opcodes.NEW, type));
        out.add(new InsnNode(Opcodes.DUP));
        for (int v = 0; v < values.size(); v++) {
            if (values.get(v)[0] > receiver) {
                out.add(new VarInsnNode(kinds.get(v).load, values.get(v)[1]));
            }
        }
        out.add(new MethodInsnNode(Opcodes.INVOKESPECIAL, site.init().owner, site.init().name, site.init().desc, site.init().itf));
        out.add(new VarInsnNode(Opcodes.ASTORE, built));
        List<Object> locals = site.locals();
        for (int slot = 0; slot < locals.size(); slot++) {
            if (locals.get(slot) == site.object()) {
                out.add(new VarInsnNode(Opcodes.ALOAD, built));
                out.add(new VarInsnNode(Opcodes.ASTORE, slot));
            }
        }
        for (int v = 0; v < values.size(); v++) {
            int j = values.get(v)[0];
            if (j >= receiver) {
                break;
            }
            if (stack.get(j) == site.object()) {
                out.add(new VarInsnNode(Opcodes.ALOAD, built));
            } else {
                out.add(new VarInsnNode(kinds.get(v).load, values.get(v)[1]));
            }
        }
        method.instructions.insertBefore(site.init(), out);
        method.instructions.remove(site.init());
    }

    /** In the expanded stack map frames, every copy of a placeholder object is now {@code null}. */
    private static void replaceInFrames(InsnList insns, Set<Label> objects) {
        for (AbstractInsnNode n = insns.getFirst(); n != null; n = n.getNext()) {
            if (n instanceof FrameNode) {
                FrameNode f = (FrameNode) n;
                replace(f.stack, objects);
                replace(f.local, objects);
            }
        }
    }

    private static void replace(List<Object> types, Set<Label> objects) {
        if (types == null) {
            return;
        }
        for (int i = 0; i < types.size(); i++) {
            Object t = types.get(i);
            if (t instanceof LabelNode && objects.contains(((LabelNode) t).getLabel())) {
                types.set(i, Opcodes.NULL);
            }
        }
    }
}
