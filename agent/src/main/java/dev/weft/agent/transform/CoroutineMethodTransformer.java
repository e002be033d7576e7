package dev.weft.agent.transform;

import dev.weft.agent.abi.RuntimeAbi;
import dev.weft.agent.analysis.FrameTypes;
import dev.weft.agent.analysis.Liveness;
import dev.weft.agent.analysis.MonitorDepth;
import dev.weft.agent.analysis.ThisReceivers;
import dev.weft.agent.classify.SuspendableIndex;
import dev.weft.agent.diagnostics.TransformException;
import dev.weft.agent.diagnostics.TransformRule;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Rewrites one suspendable method into a resumable frame (lazy capture, re-entry on resume).
 *
 * <h2>Pass order</h2>
 * <ol>
 *   <li>find the suspension points (calls to suspendable methods and {@code Async.await});</li>
 *   <li>refuse a suspension point inside {@code synchronized};</li>
 *   <li>take objects under construction held at a suspension point (on the stack or in locals)
 *       out of the frames ({@link NewHoister}), then recompute frame types and liveness;</li>
 *   <li>at each suspension point: spill the receiver and arguments of an instance call or of
 *       the leaf {@code await} to temporaries (a static call into rewritten code spills
 *       nothing), place the resume label, reload, arm the callee, call, and after the call test
 *       {@code suspending}: save the receiver (or the leaf's future), the operand stack beneath
 *       the call straight off the stack, the live locals and the label; return a dummy value.
 *       A rewritten callee's arguments are not saved: it restores its own frame on resume and
 *       is re-called with placeholders;</li>
 *   <li>prepend the prologue (find the continuation, {@code enter(token)}, dispatch to the
 *       restore block of the saved label) and the restore blocks;</li>
 *   <li>unpin on every exit of a pinned entry: before each return and in a catch-all handler.</li>
 * </ol>
 *
 * <h2>Shape of the output</h2>
 * <pre>
 *   c = Continuation.current(); pinned = 0
 *   if (c != null) switch (c.enter(TOKEN)) { RESUME: goto restore; PINNED: pinned = 1 }
 *   goto body
 * restore: switch (c.popLabel()) { k: locals = pop...; goto resume_k }
 * body:    ... [beneath, receiver, args] -&gt; spill receiver, args to t0..tn
 * resume_k: load t0..tn; if (c != null) { c.armed = CALLEE; c.armedSelf = t0 } call
 *          if (c != null &amp;&amp; c.suspending) { pop result; push t0, beneath (off the stack), live locals;
 *                                            pushLabel(k, SITE); return dummy }
 * restore_k: pop live locals, beneath (onto the stack), t0; t1..tn = placeholders; goto resume_k
 * </pre>
 */
final class CoroutineMethodTransformer {
    private final String owner;
    private final String sourceFile;
    private final MethodNode method;
    private final String token;
    /** Whether the entry also checks that {@code this} is the receiver the caller armed. */
    private final boolean checkSelf;
    private final SuspendableIndex index;
    /** First slot of the spill temporaries, shared by all suspension points. */
    private int tempBase;
    /** One past the highest spill slot used. */
    private int tempTop;
    /** Which suspension points are instance calls on this method's own {@code this}. */
    private ThisReceivers receivers;

    /** A value to save at a suspension point: where it lives and how to save it. */
    private record Saved(int slot, ValueKind kind, Object frameType) {
    }

    /** One emitted suspension point: where it resumes, and the code that rebuilds its frame first. */
    private record Site(LabelNode resume, InsnList restore) {
    }

    private CoroutineMethodTransformer(String owner, String sourceFile, MethodNode method, String token, boolean reachedThroughProxy,
                                       SuspendableIndex index) {
        this.owner = owner;
        this.sourceFile = sourceFile;
        this.method = method;
        this.token = token;
        this.checkSelf = !reachedThroughProxy && (method.access & Opcodes.ACC_STATIC) == 0;
        this.index = index;
    }

    /**
     * Rewrites {@code method} if it contains a suspension point.
     *
     * @param owner the declaring class
     * @param sourceFile the source file name, or null
     * @param method the method, read with expanded frames
     * @param token what the method answers to at entry
     * @param reachedThroughProxy true for a lambda body or method-reference bridge: it is called
     *        by a lambda proxy, so its {@code this} (if any) is not the receiver the caller armed
     * @param index the suspendability oracle
     * @return the number of suspension points rewritten (0: the method is unchanged)
     * @throws TransformException if the method breaks a rule
     */
    static int transform(String owner, String sourceFile, MethodNode method, String token, boolean reachedThroughProxy,
                         SuspendableIndex index) {
        return new CoroutineMethodTransformer(owner, sourceFile, method, token, reachedThroughProxy, index).run();
    }

    private boolean isSuspensionPoint(AbstractInsnNode insn) {
        if (!(insn instanceof MethodInsnNode)) {
            return false;
        }
        MethodInsnNode call = (MethodInsnNode) insn;
        return index.isSuspendableCall(call.owner, call.name, call.desc);
    }

    private int run() {
        if (method.instructions.size() == 0) {
            return 0;
        }
        List<MethodInsnNode> calls = new ArrayList<>();
        for (AbstractInsnNode insn = method.instructions.getFirst(); insn != null; insn = insn.getNext()) {
            if (isSuspensionPoint(insn)) {
                calls.add((MethodInsnNode) insn);
            }
        }
        if (calls.isEmpty()) {
            return 0;
        }
        checkMonitors(calls);
        hoistUninitialized(calls);

        FrameTypes frames = FrameTypes.analyze(owner, method);
        Liveness liveness = Liveness.analyze(method);
        receivers = ThisReceivers.analyze(owner, method, calls);
        int contSlot = method.maxLocals;
        int pinSlot = contSlot + 1;
        method.maxLocals += 2;
        // Spill temporaries of different suspension points never overlap in time (each is
        // stored right before its call and dead after it), so every site reuses the same slots.
        tempBase = method.maxLocals;

        List<AbstractInsnNode> returns = new ArrayList<>();
        for (AbstractInsnNode insn = method.instructions.getFirst(); insn != null; insn = insn.getNext()) {
            int op = insn.getOpcode();
            if (op >= Opcodes.IRETURN && op <= Opcodes.RETURN) {
                returns.add(insn);
            }
        }

        int[] at = new int[calls.size()];
        for (int c = 0; c < at.length; c++) {
            at[c] = method.instructions.indexOf(calls.get(c));
        }
        List<Site> sites = new ArrayList<>();
        for (int c = 0; c < at.length; c++) {
            MethodInsnNode call = calls.get(c);
            int i = at[c];
            if (frames.stackAt(i) == null) {
                continue; // unreachable: never runs
            }
            sites.add(emitSite(call, sites.size(), frames.localsAt(i), frames.stackAt(i), liveness, i, contSlot));
        }
        method.maxLocals = Math.max(method.maxLocals, tempTop);
        if (sites.isEmpty()) {
            return 0;
        }
        emitUnpinOnExit(returns, contSlot, pinSlot);
        emitPrologue(sites, contSlot, pinSlot);
        return sites.size();
    }

    // ===== checks =====

    private void checkMonitors(List<MethodInsnNode> calls) {
        if ((method.access & Opcodes.ACC_SYNCHRONIZED) != 0) {
            throw new TransformException(TransformRule.SUSPENSION_IN_SYNCHRONIZED, owner, method.name + method.desc, sourceFile,
                    lineOf(calls.get(0)), "the method is synchronized and calls " + describe(calls.get(0)));
        }
        MonitorDepth depth = MonitorDepth.analyze(method);
        for (MethodInsnNode call : calls) {
            if (depth.at(method.instructions.indexOf(call)) > 0) {
                throw new TransformException(TransformRule.SUSPENSION_IN_SYNCHRONIZED, owner, method.name + method.desc, sourceFile,
                        lineOf(call), "calls " + describe(call) + " inside a synchronized block");
            }
        }
    }

    private void hoistUninitialized(List<MethodInsnNode> calls) {
        FrameTypes frames = FrameTypes.analyze(owner, method);
        Set<Label> toHoist = new LinkedHashSet<>();
        int line = -1;
        for (MethodInsnNode call : calls) {
            List<Object> stack = frames.stackAt(method.instructions.indexOf(call));
            if (stack == null) {
                continue;
            }
            List<Object> held = new ArrayList<>(stack);
            held.addAll(frames.localsAt(method.instructions.indexOf(call)));
            for (Object t : held) {
                if (t instanceof Label) {
                    toHoist.add((Label) t);
                    line = lineOf(call);
                } else if (t == Opcodes.UNINITIALIZED_THIS) {
                    throw new TransformException(TransformRule.SUSPENDABLE_CONSTRUCTOR, owner, method.name + method.desc, sourceFile,
                            lineOf(call), "uninitialized 'this' at a suspension point");
                }
            }
        }
        if (!toHoist.isEmpty()) {
            NewHoister.hoist(owner, method, frames, toHoist, line, sourceFile);
        }
    }

    // ===== one suspension point =====

    private Site emitSite(MethodInsnNode call, int label, List<Object> locals, List<Object> stackTypes, Liveness liveness,
                          int insnIndex, int contSlot) {
        InsnList insns = method.instructions;
        List<Saved> liveLocals = new ArrayList<>();
        for (int slot = 0; slot < locals.size(); slot++) {
            Object t = locals.get(slot);
            ValueKind kind = ValueKind.of(t);
            if (ValueKind.isUninitialized(t)) {
                if (liveness.isLive(insnIndex, slot)) {
                    throw new TransformException(TransformRule.UNSUPPORTED_SHAPE, owner, method.name + method.desc, sourceFile,
                            lineOf(call), "an uninitialized object is held in local " + slot + " across a suspension point");
                }
                continue;
            }
            if (kind != null && liveness.isLive(insnIndex, slot)) {
                liveLocals.add(new Saved(slot, kind, t));
            }
            if (kind != null && kind.size == 2) {
                slot++;
            }
        }
        List<Saved> stack = new ArrayList<>(); // one entry per value, bottom first; slot assigned if spilled
        for (int j = 0; j < stackTypes.size(); j++) {
            Object t = stackTypes.get(j);
            ValueKind kind = ValueKind.of(t);
            if (kind == null) {
                throw new TransformException(TransformRule.UNSUPPORTED_SHAPE, owner, method.name + method.desc, sourceFile,
                        lineOf(call), "operand stack entry " + t + " at a suspension point");
            }
            stack.add(new Saved(-1, kind, t));
            if (kind.size == 2) {
                j++;
            }
        }
        // The operand stack at the call is [beneath..., receiver?, arguments...]. The values beneath
        // stay on the stack across the call and are saved from it when the callee suspends. A
        // rewritten callee restores its own frame on resume and never reads its arguments there,
        // so they are not saved and are re-passed as placeholders; only the leaf's future (polled
        // again on resume) and an instance call's receiver (armed and dispatched on again) are
        // kept. Those sit under or among the arguments, so such calls spill receiver and
        // arguments to temporaries; a static call into rewritten code, or a call on this
        // method's own this (re-read from slot 0), spills nothing.
        boolean leaf = RuntimeAbi.isLeaf(call.owner, call.name, call.desc);
        boolean instance = call.getOpcode() != Opcodes.INVOKESTATIC;
        boolean onThis = instance && receivers.isOnThis(call);
        int firstCallValue = stack.size() - Type.getArgumentTypes(call.desc).length - (instance ? 1 : 0);
        boolean spill = leaf || (instance && !onThis);
        List<Saved> spilled = new ArrayList<>();
        List<Saved> kept = new ArrayList<>();
        if (spill) {
            int nextTemp = tempBase;
            for (int j = firstCallValue; j < stack.size(); j++) {
                Saved s = new Saved(nextTemp, stack.get(j).kind(), stack.get(j).frameType());
                spilled.add(s);
                nextTemp += s.kind().size;
                tempTop = Math.max(tempTop, nextTemp);
                if (leaf || j == firstCallValue) {
                    kept.add(s); // the leaf's arguments, or the receiver
                }
            }
        }

        InsnList before = new InsnList();
        for (int j = spilled.size() - 1; j >= 0; j--) {
            Saved s = spilled.get(j);
            before.add(new VarInsnNode(s.kind().store, s.slot()));
        }
        LabelNode resume = new LabelNode();
        before.add(resume);
        for (Saved s : spilled) {
            before.add(new VarInsnNode(s.kind().load, s.slot()));
        }
        LabelNode armed = new LabelNode();
        before.add(new VarInsnNode(Opcodes.ALOAD, contSlot));
        before.add(new JumpInsnNode(Opcodes.IFNULL, armed));
        before.add(new VarInsnNode(Opcodes.ALOAD, contSlot));
        before.add(new LdcInsnNode(RuntimeAbi.token(call.name, call.desc)));
        before.add(new FieldInsnNode(Opcodes.PUTFIELD, RuntimeAbi.CONTINUATION, RuntimeAbi.ARMED, "Ljava/lang/Object;"));
        if (instance) {
            // The callee's entry compares the armed receiver with its this.
            before.add(new VarInsnNode(Opcodes.ALOAD, contSlot));
            before.add(new VarInsnNode(Opcodes.ALOAD, onThis ? 0 : spilled.get(0).slot()));
            before.add(new FieldInsnNode(Opcodes.PUTFIELD, RuntimeAbi.CONTINUATION, RuntimeAbi.ARMED_SELF, "Ljava/lang/Object;"));
        }
        before.add(armed);
        insns.insertBefore(call, before);

        // Saved in this order: kept temporaries, the values beneath (top first, off the stack),
        // the live locals; the restore block pops them in reverse.
        InsnList after = new InsnList();
        LabelNode proceed = new LabelNode();
        after.add(new VarInsnNode(Opcodes.ALOAD, contSlot));
        after.add(new JumpInsnNode(Opcodes.IFNULL, proceed));
        after.add(new VarInsnNode(Opcodes.ALOAD, contSlot));
        after.add(new FieldInsnNode(Opcodes.GETFIELD, RuntimeAbi.CONTINUATION, RuntimeAbi.SUSPENDING, "Z"));
        after.add(new JumpInsnNode(Opcodes.IFEQ, proceed));
        Type ret = Type.getReturnType(call.desc);
        if (ret.getSize() == 1) {
            after.add(new InsnNode(Opcodes.POP));
        } else if (ret.getSize() == 2) {
            after.add(new InsnNode(Opcodes.POP2));
        }
        for (Saved s : kept) {
            s.kind().emitSave(after, contSlot, s.slot());
        }
        for (int j = firstCallValue - 1; j >= 0; j--) {
            stack.get(j).kind().emitSaveFromStack(after, contSlot);
        }
        for (Saved s : liveLocals) {
            s.kind().emitSave(after, contSlot, s.slot());
        }
        after.add(new VarInsnNode(Opcodes.ALOAD, contSlot));
        after.add(new LdcInsnNode(label));
        after.add(new LdcInsnNode(site(call)));
        after.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, RuntimeAbi.CONTINUATION, RuntimeAbi.PUSH_LABEL, RuntimeAbi.PUSH_LABEL_DESC, false));
        Type own = Type.getReturnType(method.desc);
        AbstractInsnNode dummy = ValueKind.dummyFor(own);
        if (dummy != null) {
            after.add(dummy);
        }
        after.add(new InsnNode(own.getOpcode(Opcodes.IRETURN)));
        after.add(proceed);
        insns.insert(call, after);

        InsnList restore = new InsnList();
        for (int j = liveLocals.size() - 1; j >= 0; j--) {
            Saved s = liveLocals.get(j);
            s.kind().emitRestore(restore, contSlot, s.slot(), s.frameType());
        }
        for (int j = 0; j < firstCallValue; j++) {
            stack.get(j).kind().emitRestoreToStack(restore, contSlot, stack.get(j).frameType());
        }
        for (int j = kept.size() - 1; j >= 0; j--) {
            Saved s = kept.get(j);
            s.kind().emitRestore(restore, contSlot, s.slot(), s.frameType());
        }
        for (Saved s : spilled) {
            if (!kept.contains(s)) {
                s.kind().emitPlaceholder(restore);
                restore.add(new VarInsnNode(s.kind().store, s.slot()));
            }
        }
        if (!spill) {
            int firstArgument = firstCallValue;
            if (onThis) {
                restore.add(new VarInsnNode(Opcodes.ALOAD, 0));
                firstArgument++;
            }
            for (int j = firstArgument; j < stack.size(); j++) {
                stack.get(j).kind().emitPlaceholder(restore);
            }
        }
        return new Site(resume, restore);
    }

    // ===== prologue, restore and exits =====

    private void emitPrologue(List<Site> sites, int contSlot, int pinSlot) {
        InsnList p = new InsnList();
        LabelNode body = new LabelNode();
        LabelNode restore = new LabelNode();
        LabelNode pinned = new LabelNode();
        p.add(new MethodInsnNode(Opcodes.INVOKESTATIC, RuntimeAbi.CONTINUATION, RuntimeAbi.CURRENT, RuntimeAbi.CURRENT_DESC, false));
        p.add(new VarInsnNode(Opcodes.ASTORE, contSlot));
        p.add(new InsnNode(Opcodes.ICONST_0));
        p.add(new VarInsnNode(Opcodes.ISTORE, pinSlot));
        p.add(new VarInsnNode(Opcodes.ALOAD, contSlot));
        p.add(new JumpInsnNode(Opcodes.IFNULL, body));
        p.add(new VarInsnNode(Opcodes.ALOAD, contSlot));
        p.add(new LdcInsnNode(token));
        if (checkSelf) {
            p.add(new VarInsnNode(Opcodes.ALOAD, 0));
            p.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, RuntimeAbi.CONTINUATION, RuntimeAbi.ENTER, RuntimeAbi.ENTER_SELF_DESC, false));
        } else {
            p.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, RuntimeAbi.CONTINUATION, RuntimeAbi.ENTER, RuntimeAbi.ENTER_DESC, false));
        }
        p.add(new TableSwitchInsnNode(RuntimeAbi.RUN, RuntimeAbi.PINNED, body, body, restore, pinned));
        p.add(pinned);
        p.add(new InsnNode(Opcodes.ICONST_1));
        p.add(new VarInsnNode(Opcodes.ISTORE, pinSlot));
        p.add(new JumpInsnNode(Opcodes.GOTO, body));

        p.add(restore);
        LabelNode corrupt = new LabelNode();
        LabelNode[] targets = new LabelNode[sites.size()];
        for (int k = 0; k < targets.length; k++) {
            targets[k] = new LabelNode();
        }
        p.add(new VarInsnNode(Opcodes.ALOAD, contSlot));
        p.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, RuntimeAbi.CONTINUATION, RuntimeAbi.POP_LABEL, "()I", false));
        p.add(new TableSwitchInsnNode(0, targets.length - 1, corrupt, targets));
        for (int k = 0; k < targets.length; k++) {
            Site site = sites.get(k);
            p.add(targets[k]);
            p.add(site.restore());
            p.add(new JumpInsnNode(Opcodes.GOTO, site.resume()));
        }
        p.add(corrupt);
        p.add(new LdcInsnNode("unknown resume label in " + owner.replace('/', '.') + "." + method.name + method.desc));
        p.add(new MethodInsnNode(Opcodes.INVOKESTATIC, RuntimeAbi.CONTINUATION, RuntimeAbi.CORRUPTED, RuntimeAbi.CORRUPTED_DESC, false));
        p.add(new InsnNode(Opcodes.ATHROW));
        p.add(body);
        method.instructions.insert(p);
    }

    private void emitUnpinOnExit(List<AbstractInsnNode> returns, int contSlot, int pinSlot) {
        InsnList insns = method.instructions;
        for (AbstractInsnNode ret : returns) {
            InsnList u = new InsnList();
            LabelNode skip = new LabelNode();
            u.add(new VarInsnNode(Opcodes.ILOAD, pinSlot));
            u.add(new JumpInsnNode(Opcodes.IFEQ, skip));
            u.add(new VarInsnNode(Opcodes.ALOAD, contSlot));
            u.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, RuntimeAbi.CONTINUATION, RuntimeAbi.UNPIN, "()V", false));
            u.add(skip);
            insns.insertBefore(ret, u);
        }
        // Catch-all over the original body, added last so every handler of the method runs first.
        LabelNode start = new LabelNode();
        LabelNode end = new LabelNode();
        LabelNode handler = new LabelNode();
        LabelNode rethrow = new LabelNode();
        insns.insert(start);
        insns.add(end);
        insns.add(handler);
        insns.add(new VarInsnNode(Opcodes.ILOAD, pinSlot));
        insns.add(new JumpInsnNode(Opcodes.IFEQ, rethrow));
        insns.add(new VarInsnNode(Opcodes.ALOAD, contSlot));
        insns.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, RuntimeAbi.CONTINUATION, RuntimeAbi.UNPIN, "()V", false));
        insns.add(rethrow);
        insns.add(new InsnNode(Opcodes.ATHROW));
        method.tryCatchBlocks.add(new TryCatchBlockNode(start, end, handler, null));
    }

    // ===== messages =====

    private int lineOf(AbstractInsnNode insn) {
        for (AbstractInsnNode n = insn; n != null; n = n.getPrevious()) {
            if (n instanceof LineNumberNode) {
                return ((LineNumberNode) n).line;
            }
        }
        return -1;
    }

    /** Where this frame suspended, for logical stacks: {@code class|method|file|line}, interned by ldc. */
    private String site(MethodInsnNode call) {
        return owner.replace('/', '.') + "|" + method.name + "|" + (sourceFile == null ? "" : sourceFile) + "|" + lineOf(call);
    }

    private static String describe(MethodInsnNode call) {
        return call.owner.replace('/', '.') + "." + call.name + call.desc;
    }
}
