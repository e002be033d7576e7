package dev.weft.checker;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.Arrays;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/** Prints the diagnostics of one compilation unit, unless a {@code @SuppressWarnings} around the site names them. */
final class Reporter {
    private final Trees trees;
    private final CompilationUnitTree unit;

    Reporter(Trees trees, CompilationUnitTree unit) {
        this.trees = trees;
        this.unit = unit;
    }

    /**
     * @param check the diagnostic
     * @param kind its severity here (strict mode raises pinning to an error)
     * @param site where it is reported; its enclosing declarations are searched for a suppression
     * @param message the text after {@code [key]}
     */
    void report(Check check, Diagnostic.Kind kind, TreePath site, String message) {
        if (suppressed(check, site)) {
            return;
        }
        trees.printMessage(kind, "[" + check.key + "] " + message, site.getLeaf(), unit);
    }

    private boolean suppressed(Check check, TreePath site) {
        for (TreePath p = site; p != null; p = p.getParentPath()) {
            Tree.Kind k = p.getLeaf().getKind();
            if (k != Tree.Kind.METHOD && k != Tree.Kind.VARIABLE && !(p.getLeaf() instanceof com.sun.source.tree.ClassTree)) {
                continue;
            }
            Element e = trees.getElement(p);
            SuppressWarnings s = e == null ? null : e.getAnnotation(SuppressWarnings.class);
            if (s != null && Arrays.asList(s.value()).contains(check.key)) {
                return true;
            }
        }
        return false;
    }
}
