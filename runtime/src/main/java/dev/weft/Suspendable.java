package dev.weft;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method whose body may suspend: the Weft agent rewrites it into a resumable frame.
 *
 * <p>Calling a suspendable method is an await point, like {@code .await} on an {@code async fn}
 * in Rust. Suspendability is inherited: a method that overrides or implements a
 * {@code @Suspendable} method is suspendable too, and so is a lambda or method reference whose
 * functional interface method is {@code @Suspendable} ({@link AsyncCallable}, {@link AsyncRunnable}).
 *
 * <pre>{@code
 * class Fetcher {
 *     @Suspendable
 *     String fetch(CompletableFuture<String> body) {
 *         String s = Async.await(body);   // suspends the coroutine, not the thread
 *         return s.trim();
 *     }
 * }
 * }</pre>
 *
 * <p>Outside any coroutine (a plain thread, a test, {@code main}) a suspendable method runs as
 * ordinary code and {@link Async#await} blocks that thread. Constructors and static
 * initializers cannot be suspendable, and a suspension point cannot sit inside a
 * {@code synchronized} block or method: the agent refuses both at load time.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Suspendable {
}
