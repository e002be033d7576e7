package dev.weft.agent.install;

import java.util.List;

/**
 * What the agent remembers about a class it screened: enough to answer "could a subclass
 * override a suspendable method of it?" and to describe its place in the hierarchy when its
 * class file cannot be read again (see {@link LoaderTypes}). Never the class file itself.
 *
 * @param carriesSuspendable whether it or a supertype declares something {@code @Suspendable}
 *     (or names Weft at all in a supertype outside the JDK: answered conservatively)
 * @param access the class's access flags
 * @param superName the superclass's internal name, or null
 * @param interfaces the direct interfaces' internal names
 */
record TypeFacts(boolean carriesSuspendable, int access, String superName, List<String> interfaces) {
    /** A type whose class file could not be found: it cannot declare anything suspendable. */
    static final TypeFacts UNKNOWN = new TypeFacts(false, 0, null, List.of());
}
