package dev.weft.itest.harness;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a corpus method that the harness runs differentially: plain, as a coroutine forced to
 * suspend at every await, and as several coroutines with random suspend/ready decisions.
 *
 * <p>A corpus method takes no parameters, is static or an instance method of a concrete class
 * with a no-argument constructor, is not private, and is {@code @Suspendable} (the harness checks
 * all of this and fails the class's tests with a message otherwise). It reads its inputs through
 * {@link Src}, so that the harness decides whether each await suspends, and records side effects
 * with {@link Src#log(String)}. Its return value (arrays compared deeply), its exception (class,
 * message, suppressed, causes) and its log must be the same in every mode.
 *
 * <pre>{@code
 * @Differential @Suspendable
 * static int sumInLoop() {
 *     int s = 0;
 *     for (int k = 0; k < 5; k++) s += Src.i(k);
 *     return s;
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Differential {
}
