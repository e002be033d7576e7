package dev.weft.checker;

import javax.tools.Diagnostic;

/**
 * The checker's diagnostics. Each message starts with {@code [key]}; {@code @SuppressWarnings("key")}
 * on the enclosing method, class, field or local variable silences it.
 */
enum Check {
    /** A suspension point inside {@code synchronized}: the agent refuses the method at load time. */
    SYNCHRONIZED("weft-synchronized", Diagnostic.Kind.ERROR),
    /** A suspendable call inside a lambda or method reference that is not suspendable, in suspendable code: it pins. */
    PINNING("weft-pinning", Diagnostic.Kind.WARNING),
    /** With {@code strict}: a suspendable call from code that is not suspendable at all. */
    STRICT("weft-strict", Diagnostic.Kind.ERROR),
    /** A blocking call inside a suspendable method or lambda. */
    BLOCKING("weft-blocking", Diagnostic.Kind.WARNING),
    /** A suspendable method overriding one that is not: calls through the supertype pin. */
    OVERRIDE("weft-override", Diagnostic.Kind.WARNING);

    final String key;
    final Diagnostic.Kind kind;

    Check(String key, Diagnostic.Kind kind) {
        this.key = key;
        this.kind = kind;
    }

    /** @return the text naming how to silence this check where the code is deliberate */
    String suppressHint() {
        return "@SuppressWarnings(\"" + key + "\")";
    }
}
