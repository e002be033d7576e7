package dev.weft.checker;

import java.util.ArrayList;
import java.util.List;

/**
 * The plug-in's options, the words after {@code -Xplugin:Weft}.
 *
 * @param strict {@code strict}: every call of a suspendable method from code that is not
 *        suspendable is an error (Kotlin's rule), not only those that pin
 * @param unknown words that are no option; each is reported as an error
 */
record CheckerOptions(boolean strict, List<String> unknown) {
    static final String STRICT = "strict";

    static CheckerOptions parse(String... args) {
        boolean strict = false;
        List<String> unknown = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals(STRICT)) {
                strict = true;
            } else if (!arg.isBlank()) {
                unknown.add(arg);
            }
        }
        return new CheckerOptions(strict, List.copyOf(unknown));
    }
}
