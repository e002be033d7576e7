package dev.weft.itest.harness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What one run of a case did, in a form that compares across modes: the returned value rendered
 * deeply (arrays element by element, with the runtime class so a boxing difference shows), or
 * the thrown exception (class, message, suppressed and causes), the side-effect log, and how many
 * gates {@link Src} made.
 */
public final class Outcome {
    private final String result;
    private final List<String> log;
    private final int gates;
    private final Throwable thrown;

    private Outcome(String result, List<String> log, int gates, Throwable thrown) {
        this.result = result;
        this.log = log;
        this.gates = gates;
        this.thrown = thrown;
    }

    /**
     * @param value what the case returned
     * @param ctx its run
     * @return the outcome
     */
    public static Outcome returned(Object value, RunContext ctx) {
        return new Outcome("returned " + render(value), ctx.logSnapshot(), ctx.gates(), null);
    }

    /**
     * @param t what the case threw
     * @param ctx its run
     * @return the outcome
     */
    public static Outcome threw(Throwable t, RunContext ctx) {
        return new Outcome("threw " + describe(t), ctx.logSnapshot(), ctx.gates(), t);
    }

    /**
     * Renders a value so that equal values render equally: arrays deeply, others with their
     * class and {@code toString}.
     *
     * @param v the value
     * @return its rendering
     */
    public static String render(Object v) {
        if (v == null) {
            return "null";
        }
        if (v.getClass().isArray()) {
            return v.getClass().getSimpleName() + Arrays.deepToString(new Object[] {v});
        }
        return v.getClass().getName() + ":" + v;
    }

    /**
     * @param t an exception
     * @return its class and message, its suppressed exceptions and its causes
     */
    public static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder();
        List<Throwable> seen = new ArrayList<>();
        Throwable c = t;
        while (c != null && !seen.contains(c)) {
            seen.add(c);
            if (c != t) {
                sb.append(" caused by ");
            }
            sb.append(c.getClass().getName()).append(": ").append(c.getMessage());
            for (Throwable s : c.getSuppressed()) {
                sb.append(" [suppressed ").append(s.getClass().getName()).append(": ").append(s.getMessage()).append(']');
            }
            c = c.getCause();
        }
        return sb.toString();
    }

    /** @return the rendered result */
    public String result() {
        return result;
    }

    /** @return the log */
    public List<String> log() {
        return log;
    }

    /** @return the gates made */
    public int gates() {
        return gates;
    }

    /** @return the exception thrown, or null */
    public Throwable thrown() {
        return thrown;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Outcome)) {
            return false;
        }
        Outcome other = (Outcome) o;
        return result.equals(other.result) && log.equals(other.log) && gates == other.gates;
    }

    @Override
    public int hashCode() {
        return Objects.hash(result, log, gates);
    }

    @Override
    public String toString() {
        String l = log.size() <= 40 ? log.toString()
                : log.subList(0, 40) + "... (" + log.size() + " entries)";
        return result + ", gates=" + gates + ", log=" + l;
    }

    /**
     * A readable difference, for failure messages.
     *
     * @param expected the reference outcome (plain)
     * @return what differs
     */
    public String diff(Outcome expected) {
        StringBuilder sb = new StringBuilder();
        if (!result.equals(expected.result)) {
            sb.append("\n  result:   expected ").append(expected.result).append("\n            but was  ").append(result);
        }
        if (gates != expected.gates) {
            sb.append("\n  gates:    expected ").append(expected.gates).append(" but was ").append(gates)
                    .append(" (code before an await ran again, or was skipped)");
        }
        if (!log.equals(expected.log)) {
            int i = 0;
            while (i < log.size() && i < expected.log.size() && log.get(i).equals(expected.log.get(i))) {
                i++;
            }
            sb.append("\n  log:      first difference at entry ").append(i).append(": expected ")
                    .append(i < expected.log.size() ? expected.log.get(i) : "<end>").append(" but was ")
                    .append(i < log.size() ? log.get(i) : "<end>")
                    .append(" (sizes ").append(expected.log.size()).append(" / ").append(log.size()).append(')');
        }
        return sb.toString();
    }
}
