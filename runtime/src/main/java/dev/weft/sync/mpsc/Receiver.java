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
    private final Chan<T> chan;
    private final Receiving recv = new Receiving();

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
        return Async.await(recv);
    }

    /**
     * The future {@link #recv()} awaits, for a {@code Select} branch: cancel safe, it takes a
     * value only in the poll that returns it. One shared instance per receiver.
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
        return chan.noMoreSends() && chan.queue.isEmpty();
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

    private final class Receiving implements Awaitable<T> {
        @Override
        public Poll<T> poll(Waker waker) {
            T v = chan.pop();
            if (v != null) {
                return Poll.ready(v);
            }
            chan.registerRx(waker);
            boolean ended = chan.noMoreSends();
            v = chan.pop();
            if (v != null || ended) {
                return Poll.ready(v);
            }
            return Poll.pending();
        }
    }
}
