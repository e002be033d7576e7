package dev.weft.itest.generated;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/** The variables visible at a point of a generated method: a stack of block scopes. */
final class Scope {
    /** One variable; loop counters are readable but never assigned. */
    static final class Var {
        final String name;
        final GenType type;
        final boolean readOnly;

        Var(String name, GenType type, boolean readOnly) {
            this.name = name;
            this.type = type;
            this.readOnly = readOnly;
        }
    }

    private final Deque<List<Var>> blocks = new ArrayDeque<>();

    void push() {
        blocks.push(new ArrayList<>());
    }

    void pop() {
        blocks.pop();
    }

    void add(String name, GenType type, boolean readOnly) {
        blocks.peek().add(new Var(name, type, readOnly));
    }

    /**
     * @param type the wanted type
     * @param writable only variables that may be assigned
     * @param rnd the random source
     * @return a visible variable of that type, or null
     */
    Var pick(GenType type, boolean writable, Random rnd) {
        List<Var> found = new ArrayList<>();
        for (List<Var> b : blocks) {
            for (Var v : b) {
                if (v.type == type && (!writable || !v.readOnly)) {
                    found.add(v);
                }
            }
        }
        return found.isEmpty() ? null : found.get(rnd.nextInt(found.size()));
    }

    /** @return every visible variable of a value type (for logging) */
    List<Var> loggable() {
        List<Var> out = new ArrayList<>();
        for (List<Var> b : blocks) {
            for (Var v : b) {
                if (v.type != GenType.INTS) {
                    out.add(v);
                }
            }
        }
        return out;
    }
}
