package dev.weft.agent.offline;

import dev.weft.agent.diagnostics.TransformException;
import java.util.List;

/**
 * What rewriting a class directory did.
 *
 * @param scanned class files read
 * @param rewritten binary names of the classes written back
 * @param methods rewritten methods, as {@code Class.name(desc) (n suspension points)}
 * @param refusals methods that break a rule, each naming class, method, source line and rule
 */
public record InstrumentationReport(int scanned, List<String> rewritten, List<String> methods, List<TransformException> refusals) {
    /** Copies the lists. */
    public InstrumentationReport {
        rewritten = List.copyOf(rewritten);
        methods = List.copyOf(methods);
        refusals = List.copyOf(refusals);
    }

    /** @return one line for a build log, e.g. {@code "Weft rewrote 3 of 12 classes (7 methods)"} */
    public String summary() {
        return "Weft rewrote " + rewritten.size() + " of " + scanned + " classes (" + methods.size() + " methods"
                + (refusals.isEmpty() ? "" : ", " + refusals.size() + " refused") + ")";
    }
}
