package dev.weft.sync.mpsc;

import dev.weft.Async;
import dev.weft.Suspendable;
import dev.weft.future.Awaitable;
import dev.weft.future.Poll;
import dev.weft.future.Waker;

/**
 * The receiving end of an mpsc {@link Channel}; see there for the semantics. Used by one task
 * at a time.
 *
 * <pre>{@code
 * Channel<String> ch = Channel.bounded(16);
 * String job;
 * while ((job = ch.receiver().recv()) != null) {   // null once every sender closed and the queue is drained
 *     handle(job);
 * }
 * }</pre>
 *
 * @param <T> the element type
 */
public final class Receiver<T> implements AutoCloseable {
    /** what {@link #attempt} answers when no value is ready and more may come */
    private static final Object PENDING = new Object();
    /** what {@link #attempt} answers once the channel is closed and drained */
    private static final Object END = new Object();

    private final Chan<T> chan;
    private final Receiving recv = new Receiving();
    private final Taking take = new Taking();

    Receiver(Chan<T> chan) {
        this.chan = chan;
    }

    /**
     * Receives the next value, suspending while the channel is empty. Cancel safe.
     *
     * @return the value, or null once the channel is closed and drained
     */
    @Suspendable
    public T recv() {
        Async.await(take);
        // no await between the poll that took the value and here, so no cancellation either
        T v = take.value;
        take.value = null;
        return v;
    }

    /**
     * The future for a {@code Select} branch that receives: cancel safe, it takes a value only in
     * the poll that returns it. One shared instance per receiver. ({@link #recv()} awaits a
     * future of its own that hands the value over in a field, so a receive allocates no
     * {@link Poll}.)
     *
     * @return the future
     */
    public Awaitable<T> recvAwaitable() {
        return recv;
    }

    /**
     * Receives without waiting.
     *
     * @return a value, or null if the channel is empty (or closed and drained: see
     *     {@link #isClosed()})
     */
    public T tryRecv() {
        return chan.pop();
    }

    /** @return true once no value can arrive any more and the queue is empty */
    public boolean isClosed() {
        return chan.noMoreSends() && chan.isEmpty();
    }

    /**
     * Closes the receiving side: later sends fail and suspended senders are released with a
     * {@link dev.weft.sync.SendException}; values already sent can still be received, then
     * {@link #recv()} returns null. Idempotent.
     */
    @Override
    public void close() {
        chan.closeRx();
    }

    /**
     * One receive attempt: the value (taken), {@link #END}, or {@link #PENDING} with {@code waker}
     * registered. The registration swaps the waker in before the queue and the closed flags are
     * read again (invariant 2 of {@link Chan}).
     */
    private Object attempt(Waker waker) {
        T v = chan.pop();
        if (v != null) {
            return v;
        }
        chan.registerRx(waker);
        boolean ended = chan.noMoreSends();
        v = chan.pop();
        if (v != null) {
            return v;
        }
        return ended ? END : PENDING;
    }

    /** {@link #recvAwaitable()}: the value travels in the {@link Poll}. */
    private final class Receiving implements Awaitable<T> {
        @Override
        @SuppressWarnings("unchecked")
        public Poll<T> poll(Waker waker) {
            Object r = attempt(waker);
            if (r == PENDING) {
                return Poll.pending();
            }
            return Poll.ready(r == END ? null : (T) r);
        }
    }

    /** {@link #recv()}'s own future: the value travels in {@code value}, read once the await returns. */
    private final class Taking implements Awaitable<Void> {
        /** the receiving task's alone: written by the poll that completes, cleared by recv */
        T value;

        @Override
        @SuppressWarnings("unchecked")
        public Poll<Void> poll(Waker waker) {
            Object r = attempt(waker);
            if (r == PENDING) {
                return Poll.pending();
            }
            value = r == END ? null : (T) r;
            return Poll.ready(null);
        }
    }
}
