package dev.weft.checker;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import javax.tools.Diagnostic;

/**
 * Runs the checks on each top-level class once javac has attributed and flow-analyzed it
 * ({@link TaskEvent.Kind#ANALYZE}); the trees are complete and typed and not yet lowered.
 */
final class AnalyzeListener implements TaskListener {
    private final Trees trees;
    private final CheckerOptions options;
    private final Coloring coloring;
    private final BlockingCalls blocking;
    private final Signatures signatures;
    private boolean optionsReported;

    AnalyzeListener(JavacTask task, CheckerOptions options) {
        this.trees = Trees.instance(task);
        this.options = options;
        this.coloring = new Coloring(task.getElements(), task.getTypes());
        this.blocking = new BlockingCalls(task.getElements(), task.getTypes());
        this.signatures = new Signatures(task.getTypes());
    }

    @Override
    public void finished(TaskEvent e) {
        if (e.getKind() != TaskEvent.Kind.ANALYZE || e.getTypeElement() == null) {
            return;
        }
        CompilationUnitTree unit = e.getCompilationUnit();
        reportUnknownOptions(unit);
        TreePath path = trees.getPath(e.getTypeElement());
        if (path == null) {
            return;
        }
        try {
            new CheckScanner(trees, coloring, blocking, new Reporter(trees, unit), signatures, options.strict()).scan(path, null);
        } catch (RuntimeException bug) {
            // A fault in the checker must not stop the build, nor pass unnoticed: one warning per class.
            StackTraceElement[] at = bug.getStackTrace();
            trees.printMessage(Diagnostic.Kind.WARNING, "[weft] the checker failed on " + e.getTypeElement().getQualifiedName()
                    + " and skipped the rest of it: " + bug + (at.length > 0 ? " at " + at[0] : ""), unit, unit);
        }
    }

    /** A mistyped option must not pass silently; javac offers no place to report it before the first class. */
    private void reportUnknownOptions(CompilationUnitTree unit) {
        if (optionsReported || options.unknown().isEmpty()) {
            return;
        }
        optionsReported = true;
        trees.printMessage(Diagnostic.Kind.ERROR, "[weft] unknown option(s) " + options.unknown()
                + " after -Xplugin:" + WeftPlugin.NAME + "; the only option is '" + CheckerOptions.STRICT
                + "' (-Xplugin:\"" + WeftPlugin.NAME + " " + CheckerOptions.STRICT + "\")", unit, unit);
    }
}
