package dev.weft.coroutine.abi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Added by the agent to every class it rewrote, so a class is never rewritten twice and tools
 * can tell which methods were made resumable.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Instrumented {
    /** @return the rewritten methods, as {@code name + descriptor (n suspension points)} */
    String[] methods() default {};
}
