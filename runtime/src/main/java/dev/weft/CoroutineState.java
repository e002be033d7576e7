package dev.weft;

import dev.weft.coroutine.abi.AbiNames;
import dev.weft.coroutine.abi.Continuation;
import dev.weft.coroutine.abi.PinObserver;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.internal.coroutine.AgentPresence;
import dev.weft.internal.task.Sneaky;
import dev.weft.internal.task.Unwindable;
import java.util.List;

/**
 * One coroutine as the runtime holds it: its body, whether it is being polled or done, and — by
 * being one — the {@link Continuation} its rewritten frames share. A spawned task runs one of
 * these directly, so a task is a {@code TaskCell}, this object and the body; {@link Coroutine} is
 * the public handle around one for code that polls a coroutine itself.
 *
 * <p>Invariant: only the thread polling it touches {@code polling}, {@code done} and the
 * continuation's frame store (a coroutine is polled by one thread at a time); cancellation may be
 * requested from any thread.
 *
 * @param <T> the result type
 */
final class CoroutineState<T> extends Continuation implements Unwindable<T> {
    /** The token {@link AsyncCallable#call()} answers to; see {@code dev.weft.coroutine.abi}. */
    private static final String ROOT_TOKEN = AbiNames.ROOT_TOKEN;

    static {
        // every coroutine is built here, so pinned awaits are observed from the first one on
        PinObserver.install(PinnedAwaitObserver.INSTANCE);
    }

    private final AsyncCallable<T> body;
    private boolean polling;
    private boolean done;

    CoroutineState(AsyncCallable<T> body) {
        if (body == null) {
            throw new NullPointerException("body");
        }
        this.body = body;
    }

    @Override
    public Poll<T> poll(Waker waker) {
        if (done) {
            throw new IllegalStateException("a coroutine must not be polled after it completed");
        }
        if (polling) {
            throw new IllegalStateException("a coroutine was polled while it was already being polled");
        }
        if (!AgentPresence.attached()) {
            throw new AgentNotAttachedException();
        }
        polling = true;
        setWaker(waker);
        resuming = hasFrames();
        Continuation previous = Continuation.installCurrent(this);
        T result;
        try {
            // the root is entered like any rewritten callee: armed for its name and its receiver
            // (a rewritten call() of a class, not only a lambda body, must see itself armed)
            armed = ROOT_TOKEN;
            armedSelf = body;
            result = body.call();
        } catch (Throwable t) {
            done = true;
            clear();
            throw Sneaky.<RuntimeException>rethrow(t);
        } finally {
            polling = false;
            Continuation.restoreCurrent(previous);
        }
        if (suspending) {
            suspending = false;
            return Poll.pending();
        }
        if (resuming) {
            done = true;
            clear();
            throw Continuation.corrupted("the coroutine returned before reaching the await it suspended in");
        }
        done = true;
        return Poll.ready(result);
    }

    /** @return true once the coroutine has completed, normally or not */
    boolean isDone() {
        return done;
    }

    @Override
    public List<StackTraceElement> suspendedStack() {
        return suspendedFrames();
    }

    @Override
    public Poll<T> unwind(Waker waker) {
        requestCancel();
        if (!done && !polling && hasFrames()) {
            return poll(waker);
        }
        return Poll.pending();
    }

    @Override
    public void abandon() {
        try {
            unwind(Waker.NOOP);
        } catch (RuntimeException | Error unwound) {
            // CancelledException from its next await, or a failure of a finally block:
            // nobody awaits the result any more
        }
    }
}
