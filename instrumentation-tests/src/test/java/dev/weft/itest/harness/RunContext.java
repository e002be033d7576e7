package dev.weft.itest.harness;

import dev.weft.future.Awaitable;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * The state of one differential run of one case: its mode, its side-effect log, and the gates
 * {@link Src} made for it.
 *
 * <p>A coroutine moves between threads, so the context is not keyed by thread: the driver
 * installs the coroutine's own context on the polling thread for the duration of each poll
 * ({@link #install(RunContext)}), and the plain run installs it on the test thread. Code of the
 * corpus reaches it through {@link #current()} (via {@link Src}).
 *
 * <h2>Who may call</h2>
 * Only the thread that currently runs the case (the test thread in plain mode, the polling
 * thread in coroutine modes); a coroutine is polled by one thread at a time and the driver hands
 * it over through an executor, which orders the accesses.
 */
public final class RunContext {
    private static final ThreadLocal<RunContext> CURRENT = new ThreadLocal<>();

    private final Mode mode;
    private final Random coin;
    private final List<String> log = new ArrayList<>();
    /** Completions of pending gates made during the current poll, handed to the completer after it. */
    private final List<Runnable> unreleased = new ArrayList<>();
    private int gates;
    private int srcAwaits;
    /** Pin gates awaited in a coroutine mode, and how many of those awaits blocked (pinned). */
    private int pinGates;
    private int pinnedAwaits;
    /** Pin gates whose await suspended instead of pinning; counted by the completer thread. */
    private final java.util.concurrent.atomic.AtomicInteger escapedPins = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * @param mode the mode
     * @param seed the seed of the ready/pending coin (used in {@link Mode#RANDOM} only)
     */
    public RunContext(Mode mode, long seed) {
        this.mode = mode;
        this.coin = new Random(seed);
    }

    /**
     * @return the context of the case running on this thread
     * @throws IllegalStateException outside a differential run
     */
    public static RunContext current() {
        RunContext c = CURRENT.get();
        if (c == null) {
            throw new IllegalStateException("Src was used outside a differential run (no RunContext on "
                    + Thread.currentThread().getName() + ")");
        }
        return c;
    }

    /**
     * Installs {@code c} on this thread until {@link #uninstall()}.
     *
     * @param c the context
     */
    public static void install(RunContext c) {
        CURRENT.set(c);
    }

    /** Removes this thread's context. */
    public static void uninstall() {
        CURRENT.remove();
    }

    /** @return the mode */
    public Mode mode() {
        return mode;
    }

    /** @param entry appended to the log */
    public void log(String entry) {
        log.add(entry);
    }

    /** @return a copy of the log */
    public List<String> logSnapshot() {
        return List.copyOf(log);
    }

    /** @return how many gates were made */
    public int gates() {
        return gates;
    }

    /** @return how many gates {@link Src}'s own suspendable methods awaited */
    public int srcAwaits() {
        return srcAwaits;
    }

    void countSrcAwait() {
        srcAwaits++;
    }

    /**
     * Takes the completions of the gates that became pending since the last call; the driver
     * hands them to the completer after a poll returned pending.
     *
     * @return the completions, in creation order
     */
    List<Runnable> drainUnreleased() {
        List<Runnable> out = new ArrayList<>(unreleased);
        unreleased.clear();
        return out;
    }

    private boolean readyNow() {
        switch (mode) {
            case PLAIN:
                return true;
            case FORCED:
                return false;
            case RANDOM:
                return coin.nextInt(100) < 45;
            default:
                throw new AssertionError(mode);
        }
    }

    /**
     * A future that completes with {@code value}: already complete, or pending and completed
     * later by the completer thread, as the mode decides.
     *
     * @param value the value
     * @param <T> its type
     * @return the gate
     */
    public <T> CompletableFuture<T> gate(T value) {
        gates++;
        if (readyNow()) {
            return CompletableFuture.completedFuture(value);
        }
        CompletableFuture<T> f = new CompletableFuture<>();
        unreleased.add(() -> f.complete(value));
        return f;
    }

    /**
     * A future that fails with {@code failure}, ready or pending as the mode decides.
     *
     * @param failure the exception
     * @param <T> the value type
     * @return the gate
     */
    public <T> CompletableFuture<T> failingGate(Throwable failure) {
        gates++;
        if (readyNow()) {
            return CompletableFuture.failedFuture(failure);
        }
        CompletableFuture<T> f = new CompletableFuture<>();
        unreleased.add(() -> f.completeExceptionally(failure));
        return f;
    }

    /**
     * Like {@link #gate(Object)}, but as a hand-written {@link Awaitable} rather than a
     * {@link java.util.concurrent.CompletionStage}.
     *
     * @param value the value
     * @param <T> its type
     * @return the gate
     */
    public <T> Awaitable<T> awaitableGate(T value) {
        return new GateAwaitable<>(gate(value));
    }

    /**
     * A gate for an await that must pin (block its thread) because a frame between it and the
     * coroutine root is not rewritten. Outside a coroutine it is ready. In a coroutine it is
     * pending at its first poll by construction and ready at the next one, which only the
     * blocking await of a pinned frame makes at once; if the await suspends instead, the
     * completer completes it after the poll returned pending and counts an escape, so the case
     * fails (see {@link #pinGates()}, {@link #pinnedAwaits()}, {@link #escapedPins()}).
     *
     * @param value the value
     * @param <T> its type
     * @return the gate
     */
    public <T> Awaitable<T> pinGate(T value) {
        gates++;
        if (mode == Mode.PLAIN) {
            return w -> Poll.ready(value);
        }
        pinGates++;
        return new PinGate<>(value);
    }

    /** @return pin gates made in a coroutine mode */
    public int pinGates() {
        return pinGates;
    }

    /** @return awaits of pin gates that blocked in a pinned frame */
    public int pinnedAwaits() {
        return pinnedAwaits;
    }

    /** @return awaits of pin gates that suspended through a frame that is not rewritten */
    public int escapedPins() {
        return escapedPins.get();
    }

    /** See {@link #pinGate(Object)}. */
    private final class PinGate<T> implements Awaitable<T> {
        private final T value;
        private final java.util.concurrent.atomic.AtomicBoolean ready = new java.util.concurrent.atomic.AtomicBoolean();
        private boolean polled;

        PinGate(T value) {
            this.value = value;
        }

        @Override
        public Poll<T> poll(Waker waker) {
            if (!polled) {
                polled = true;
                unreleased.add(() -> {
                    if (ready.compareAndSet(false, true)) {
                        escapedPins.incrementAndGet();
                        waker.wake();
                    }
                });
                return Poll.pending();
            }
            if (ready.compareAndSet(false, true)) {
                pinnedAwaits++;
            }
            return Poll.ready(value);
        }
    }

    /** An {@link Awaitable} over a gate, written against the poll/waker contract by hand. */
    private static final class GateAwaitable<T> implements Awaitable<T> {
        private final CompletableFuture<T> f;
        private Waker registered;

        GateAwaitable(CompletableFuture<T> f) {
            this.f = f;
        }

        @Override
        public Poll<T> poll(Waker waker) {
            if (!f.isDone()) {
                if (registered != waker) {
                    registered = waker;
                    f.whenComplete((v, t) -> waker.wake());
                }
                if (!f.isDone()) {
                    return Poll.pending();
                }
            }
            if (f.isCompletedExceptionally()) {
                Throwable t = f.handle((v, e) -> e).join();
                throw Sneaky.<RuntimeException>rethrow(t);
            }
            return Poll.ready(f.join());
        }
    }
}
