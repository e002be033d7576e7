package dev.weft.checker;

import java.util.List;

/**
 * One row of {@link BlockingCalls#TABLE}: calls that block their thread, and what to use instead
 * in suspendable code.
 *
 * @param owner the JDK type, fully qualified; the row also covers its subtypes
 * @param methods the method names; {@value #CONSTRUCTORS} for its constructors, {@value #ALL} for
 *        every method
 * @param alternative what to call instead (Markdown: code in backticks)
 */
record BlockingCall(String owner, List<String> methods, String alternative) {
    /** Stands for the owner's constructors in {@link #methods}. */
    static final String CONSTRUCTORS = "new";
    /** Stands for every method of the owner in {@link #methods}. */
    static final String ALL = "*";

    /**
     * @param owner the JDK type
     * @param methods space-separated method names
     * @param alternative what to call instead
     * @return the row
     */
    static BlockingCall of(String owner, String methods, String alternative) {
        return new BlockingCall(owner, List.of(methods.split(" ")), alternative);
    }

    /** @return the owner's simple name, as messages name it */
    String simpleOwner() {
        return owner.substring(owner.lastIndexOf('.') + 1);
    }

    /** @return the alternative as plain text, for a compiler message */
    String alternativeText() {
        return alternative.replace("`", "");
    }
}
