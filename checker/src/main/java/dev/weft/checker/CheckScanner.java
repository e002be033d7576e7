package dev.weft.checker;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.tools.Diagnostic;

/**
 * Walks one top-level class, keeping the stack of {@link Frame}s it is inside, and reports the
 * {@link Check}s.
 *
 * <p>Local and anonymous classes are frames inside the method that declares them (their methods
 * typically run while it does, from a JDK call such as {@code forEach}); a member class starts
 * afresh.
 */
final class CheckScanner extends TreePathScanner<Void, Void> {
    private final Trees trees;
    private final Coloring coloring;
    private final BlockingCalls blocking;
    private final Reporter reporter;
    private final Signatures signatures;
    private final boolean strict;
    private final Deque<Frame> frames = new ArrayDeque<>();

    CheckScanner(Trees trees, Coloring coloring, BlockingCalls blocking, Reporter reporter, Signatures signatures, boolean strict) {
        this.trees = trees;
        this.coloring = coloring;
        this.blocking = blocking;
        this.reporter = reporter;
        this.signatures = signatures;
        this.strict = strict;
    }

    @Override
    public Void visitClass(ClassTree tree, Void unused) {
        Element e = trees.getElement(getCurrentPath());
        boolean local = e instanceof TypeElement && (((TypeElement) e).getNestingKind() == NestingKind.LOCAL
                || ((TypeElement) e).getNestingKind() == NestingKind.ANONYMOUS);
        if (local) {
            return super.visitClass(tree, unused);
        }
        return inFrame(Frame.boundary(tree.getSimpleName().toString()), () -> super.visitClass(tree, unused));
    }

    @Override
    public Void visitMethod(MethodTree tree, Void unused) {
        Element e = trees.getElement(getCurrentPath());
        if (!(e instanceof ExecutableElement)) {
            return super.visitMethod(tree, unused);
        }
        ExecutableElement m = (ExecutableElement) e;
        boolean suspendable = coloring.isSuspendable(m);
        if (suspendable) {
            checkOverrides(m);
        }
        Frame frame = Frame.method("method " + signatures.of(m), suspendable, m.getModifiers().contains(Modifier.SYNCHRONIZED));
        return inFrame(frame, () -> super.visitMethod(tree, unused));
    }

    @Override
    public Void visitVariable(VariableTree tree, Void unused) {
        if (tree.getInitializer() != null && parentIsClass()) {
            return inFrame(Frame.code("initializer of field " + tree.getName(), false), () -> super.visitVariable(tree, unused));
        }
        return super.visitVariable(tree, unused);
    }

    @Override
    public Void visitBlock(BlockTree tree, Void unused) {
        if (parentIsClass()) {
            return inFrame(Frame.code((tree.isStatic() ? "static" : "instance") + " initializer", false),
                    () -> super.visitBlock(tree, unused));
        }
        return super.visitBlock(tree, unused);
    }

    @Override
    public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
        List<ExecutableElement> functional = coloring.functionalMethods(trees.getTypeMirror(getCurrentPath()));
        Frame frame = Frame.code("lambda implementing " + describe(functional), coloring.anySuspendable(functional));
        return inFrame(frame, () -> super.visitLambdaExpression(tree, unused));
    }

    @Override
    public Void visitMemberReference(MemberReferenceTree tree, Void unused) {
        Element target = trees.getElement(getCurrentPath());
        if (target instanceof ExecutableElement && coloring.isSuspensionPoint((ExecutableElement) target)) {
            List<ExecutableElement> functional = coloring.functionalMethods(trees.getTypeMirror(getCurrentPath()));
            if (!coloring.anySuspendable(functional)) {
                // The lambda proxy calls the target directly: a frame of its own that is not suspendable.
                callFromNonSuspendable(Frame.code("method reference converted to " + describe(functional), false),
                        (ExecutableElement) target);
            }
        }
        return super.visitMemberReference(tree, unused);
    }

    @Override
    public Void visitSynchronized(SynchronizedTree tree, Void unused) {
        scan(tree.getExpression(), unused);
        Frame frame = frames.peek();
        if (frame == null) {
            return scan(tree.getBlock(), unused);
        }
        frame.monitors++;
        try {
            return scan(tree.getBlock(), unused);
        } finally {
            frame.monitors--;
        }
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
        Element e = trees.getElement(getCurrentPath());
        if (e instanceof ExecutableElement) {
            ExecutableElement callee = (ExecutableElement) e;
            if (coloring.isSuspensionPoint(callee)) {
                suspensionPoint(callee);
            } else {
                checkBlocking(callee, receiverType(tree));
            }
        }
        return super.visitMethodInvocation(tree, unused);
    }

    @Override
    public Void visitNewClass(NewClassTree tree, Void unused) {
        Element e = trees.getElement(getCurrentPath());
        if (e instanceof ExecutableElement) {
            checkBlocking((ExecutableElement) e, null);
        }
        return super.visitNewClass(tree, unused);
    }

    private void suspensionPoint(ExecutableElement callee) {
        Frame frame = frames.peek();
        if (frame == null || !frame.suspendable) {
            callFromNonSuspendable(frame == null ? Frame.code("code outside any method", false) : frame, callee);
        } else if (frame.inMonitor()) {
            String where = frame.synchronizedMethod ? "a synchronized method" : "a synchronized block";
            reporter.report(Check.SYNCHRONIZED, Check.SYNCHRONIZED.kind, getCurrentPath(), signatures.of(callee)
                    + " is a suspension point inside " + where + " (in the " + frame.description + "): a monitor cannot move to"
                    + " another thread, so the Weft agent refuses this method at load time. Use dev.weft.sync.Mutex, whose"
                    + " guard may be held across awaits, or move the call out of " + where + ".");
        }
    }

    /** A suspendable call (or method reference) from {@code from}, which is not suspendable: it pins, or breaks the strict rule. */
    private void callFromNonSuspendable(Frame from, ExecutableElement callee) {
        Frame enclosing = suspendableEnclosing();
        if (enclosing != null) {
            reporter.report(Check.PINNING, strict ? Diagnostic.Kind.ERROR : Check.PINNING.kind, getCurrentPath(),
                    signatures.of(callee) + " is suspendable, but it is called from the " + from.description
                    + ", which is not, inside the suspendable " + enclosing.description + ": it cannot suspend there and will"
                    + " pin (block) the coroutine's thread at run time. Use a plain loop instead, or a functional interface"
                    + " whose method is @Suspendable (dev.weft.AsyncCallable, dev.weft.AsyncRunnable); if blocking here is"
                    + " intended, add " + Check.PINNING.suppressHint() + ".");
        } else if (strict) {
            reporter.report(Check.STRICT, Check.STRICT.kind, getCurrentPath(), signatures.of(callee)
                    + " is suspendable, but it is called from the " + from.description + ", which is not: make it"
                    + " suspendable (@Suspendable, or for a lambda a suspendable functional interface such as AsyncCallable), or run the call in a coroutine (Coroutine.blockOn, WeftRuntime.blockOn, Task.spawn);"
                    + " where calling it as blocking code is intended, add " + Check.STRICT.suppressHint() + ".");
        }
    }

    private void checkBlocking(ExecutableElement callee, TypeMirror receiver) {
        Frame frame = frames.peek();
        if (frame == null || !frame.suspendable) {
            return;
        }
        Optional<BlockingCall> row = blocking.match(callee, receiver);
        row.ifPresent(r -> reporter.report(Check.BLOCKING, Check.BLOCKING.kind, getCurrentPath(), signatures.of(callee)
                + " blocks its thread inside the suspendable " + frame.description + ", so the worker runs no other task"
                + " until it returns. Use " + r.alternativeText() + "; if blocking here is intended, add "
                + Check.BLOCKING.suppressHint() + "."));
    }

    private void checkOverrides(ExecutableElement m) {
        for (ExecutableElement base : coloring.nonSuspendableOverridden(m)) {
            String fix = coloring.isPlatform(Coloring.owner(base))
                    ? signatures.of(base) + " is a JDK method and cannot be made suspendable: call " + m.getSimpleName()
                            + " through a type whose method is @Suspendable (dev.weft.AsyncCallable, dev.weft.AsyncRunnable"
                            + " or an interface of your own)"
                    : "Annotate " + Signatures.qualified(base) + " @Suspendable";
            reporter.report(Check.OVERRIDE, Check.OVERRIDE.kind, getCurrentPath(), signatures.of(m)
                    + " is suspendable, but it overrides " + signatures.of(base) + ", which is not: a call is colored by the"
                    + " static type of its receiver, so a call through " + signatures.of(base) + " cannot suspend and pins"
                    + " its thread at run time. " + fix + "; if it is only ever called through its own type, add "
                    + Check.OVERRIDE.suppressHint() + ".");
        }
    }

    /** The nearest enclosing suspendable frame of the same class (local classes included), or null. */
    private Frame suspendableEnclosing() {
        for (Frame f : frames) {
            if (f.boundary) {
                return null;
            }
            if (f.suspendable) {
                return f;
            }
        }
        return null;
    }

    private TypeMirror receiverType(MethodInvocationTree tree) {
        if (!(tree.getMethodSelect() instanceof MemberSelectTree)) {
            return null;
        }
        MemberSelectTree select = (MemberSelectTree) tree.getMethodSelect();
        return trees.getTypeMirror(new TreePath(new TreePath(getCurrentPath(), select), select.getExpression()));
    }

    private String describe(List<ExecutableElement> functional) {
        return functional.isEmpty() ? "an unknown interface" : signatures.of(functional.get(0));
    }

    private boolean parentIsClass() {
        TreePath parent = getCurrentPath().getParentPath();
        return parent != null && parent.getLeaf() instanceof ClassTree;
    }

    private Void inFrame(Frame frame, Supplier<Void> body) {
        frames.push(frame);
        try {
            return body.get();
        } finally {
            frames.pop();
        }
    }
}
