package dev.weft.itest.harness;

import dev.weft.Async;
import dev.weft.Suspendable;
import dev.weft.future.Awaitable;
import java.util.concurrent.CompletableFuture;

/**
 * The value source of the corpus: each method awaits a gate whose readiness the current
 * {@link Mode} decides, and returns the value it was given (or throws the failure it was given).
 * So {@code int x = Src.i(3);} reads as "3, after an await that may suspend".
 *
 * <pre>{@code
 * long total = Src.l(1L << 40) + Src.i(2);      // two awaits, either may suspend
 * String s = "a" + Src.s("b") + Src.c('c');      // an await in the middle of a concatenation
 * int n = Async.await(Src.future(7));            // a raw CompletableFuture awaited directly
 * Src.log("step " + n);                          // a side effect compared across modes
 * }</pre>
 *
 * <p>Who may call: code running in a differential run (see {@link RunContext}).
 */
public final class Src {
    private Src() {
    }

    /** @param v value @return {@code v} after an await */
    @Suspendable
    public static int i(int v) {
        return Src.<Integer>await(v);
    }

    /** @param v value @return {@code v} after an await */
    @Suspendable
    public static long l(long v) {
        return Src.<Long>await(v);
    }

    /** @param v value @return {@code v} after an await */
    @Suspendable
    public static double d(double v) {
        return Src.<Double>await(v);
    }

    /** @param v value @return {@code v} after an await */
    @Suspendable
    public static float f(float v) {
        return Src.<Float>await(v);
    }

    /** @param v value @return {@code v} after an await */
    @Suspendable
    public static boolean z(boolean v) {
        return Src.<Boolean>await(v);
    }

    /** @param v value @return {@code v} after an await */
    @Suspendable
    public static byte b(byte v) {
        return Src.<Byte>await(v);
    }

    /** @param v value @return {@code v} after an await */
    @Suspendable
    public static char c(char v) {
        return Src.<Character>await(v);
    }

    /** @param v value @return {@code v} after an await */
    @Suspendable
    public static short sh(short v) {
        return Src.<Short>await(v);
    }

    /** @param v value @return {@code v} after an await */
    @Suspendable
    public static String s(String v) {
        return Src.<String>await(v);
    }

    /**
     * @param v value, may be null
     * @param <T> its type
     * @return {@code v} after an await
     */
    @Suspendable
    public static <T> T obj(T v) {
        return Src.<T>await(v);
    }

    /** Awaits a gate with no value. */
    @Suspendable
    public static void pause() {
        Src.<Object>await(null);
    }

    /**
     * Awaits a gate that fails with {@code t}; the await rethrows it unwrapped.
     *
     * @param t the failure (checked exceptions too)
     * @param <T> whatever type the call site needs
     * @return never
     */
    @Suspendable
    public static <T> T fail(Throwable t) {
        RunContext ctx = RunContext.current();
        ctx.countSrcAwait();
        return Async.await(ctx.<T>failingGate(t));
    }

    /**
     * Like {@link #fail(Throwable)}, but declares the exception's type, so that a checked
     * exception can be caught: {@code try { Src.raise(new IOException()); } catch (IOException e)}.
     *
     * @param t the failure
     * @param <T> whatever type the call site needs
     * @param <E> the failure's type
     * @return never
     * @throws E always, after an await
     */
    @Suspendable
    public static <T, E extends Throwable> T raise(E t) throws E {
        return fail(t);
    }

    /**
     * Awaits a gate through the {@link Awaitable} overload of {@code await}.
     *
     * @param v value
     * @param <T> its type
     * @return {@code v} after an await
     */
    @Suspendable
    public static <T> T aw(T v) {
        RunContext ctx = RunContext.current();
        ctx.countSrcAwait();
        return Async.await(ctx.awaitableGate(v));
    }

    /**
     * Awaits, then appends {@code entry} to the log: a side effect after a suspension point.
     *
     * @param entry the log entry
     */
    @Suspendable
    public static void note(String entry) {
        pause();
        log(entry);
    }

    /**
     * A raw gate for corpus code that awaits a {@link CompletableFuture} itself, with
     * {@code Async.await(Src.future(v))}. Nothing is awaited here.
     *
     * @param v value
     * @param <T> its type
     * @return a future, complete or pending as the mode decides
     */
    public static <T> CompletableFuture<T> future(T v) {
        return RunContext.current().gate(v);
    }

    /**
     * A raw failing gate, for {@code Async.await(Src.failed(e))}.
     *
     * @param t the failure
     * @param <T> the value type
     * @return a future failing with {@code t}, complete or pending as the mode decides
     */
    public static <T> CompletableFuture<T> failed(Throwable t) {
        return RunContext.current().failingGate(t);
    }

    /**
     * Records a side effect (does not await).
     *
     * @param entry the log entry
     */
    public static void log(String entry) {
        RunContext.current().log(entry);
    }

    /**
     * Awaits a gate that must pin: call it only where a frame that is not rewritten lies between
     * here and the coroutine root (see {@link RunContext#pinGate(Object)}); the differential
     * modes fail if it suspends.
     *
     * @param v value
     * @param <T> its type
     * @return {@code v}
     */
    @Suspendable
    public static <T> T pinned(T v) {
        return Async.await(RunContext.current().pinGate(v));
    }

    @Suspendable
    private static <T> T await(T v) {
        RunContext ctx = RunContext.current();
        ctx.countSrcAwait();
        return Async.await(ctx.gate(v));
    }
}
