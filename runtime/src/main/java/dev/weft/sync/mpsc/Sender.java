package dev.weft.sync.mpsc;

import dev.weft.Async;
import dev.weft.Suspendable;
import dev.weft.future.Awaitable;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.internal.sync.BatchSemaphore;
import dev.weft.sync.SendException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;

/**
 * One sending handle of an mpsc {@link Channel}; see there for the semantics. A handle is used by
 * one task at a time; {@link #copy()} gives another task its own. Closing the last open handle
 * ends the stream for the receiver.
 *
 * <pre>{@code
 * Channel<String> ch = Channel.bounded(16);
 * ch.sender().send("job");            // suspends while the channel is full
 * }</pre>
 *
 * @param <T> the element type
 */
public final class Sender<T> implements AutoCloseable {
    private final Chan<T> chan;
    private boolean closed;
    /**
     * the future this handle's sends reuse while it is free (see Sending); replaced by the new one
     * when it is not, so a future left outstanding for ever (a select branch that lost before it
     * was polled is never abandoned) costs one allocation, not one per later send
     */
    private Sending<T> sending;

    Sender(Chan<T> chan) {
        this.chan = chan;
        this.sending = new Sending<>(chan);
    }

    /**
     * Sends {@code value}, suspending while a bounded channel is full.
     *
     * @param value the value, not null
     * @throws SendException (carrying the value) if the receiver is closed
     */
    @Suspendable
    public void send(T value) {
        Async.await(sendAwaitable(value));
    }

    /**
     * The future {@link #send} awaits, for a {@code Select} branch. Nothing is sent until it is
     * polled; if abandoned before it completes, the value was not sent and no capacity stays
     * reserved.
     *
     * <p>The handle reuses one future: once a send completed (or failed, or was abandoned), the
     * next call may return the same instance, so a caller must neither poll nor abandon a future
     * after it finished. A call while the previous send is still outstanding (or was never polled
     * nor abandoned) gets a new one, which later sends then reuse.
     *
     * @param value the value, not null
     * @return the future
     */
    public Awaitable<Void> sendAwaitable(T value) {
        Objects.requireNonNull(value, "mpsc values must not be null");
        checkOpen();
        Sending<T> s = sending;
        if (!s.claim(value)) {
            s = new Sending<>(chan);
            s.claim(value);
            sending = s;
        }
        return s;
    }

    /**
     * Sends without waiting.
     *
     * @param value the value, not null
     * @return false if a bounded channel is full
     * @throws SendException (carrying the value) if the receiver is closed
     */
    public boolean trySend(T value) {
        Objects.requireNonNull(value, "mpsc values must not be null");
        checkOpen();
        if (chan.capacity == null) {
            if (!chan.reserveUnbounded()) {
                throw closed(value);
            }
            chan.push(value);
            return true;
        }
        switch (chan.capacity.tryAcquire(1)) {
            case ACQUIRED:
                chan.push(value);
                return true;
            case CLOSED:
                throw closed(value);
            default:
                return false;
        }
    }

    static SendException closed(Object value) {
        return new SendException(value, "the mpsc receiver is closed; the value was not sent");
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("send on a Sender that was closed");
        }
    }

    /**
     * Another handle to the same channel, to be closed separately.
     *
     * @return the new handle
     * @throws IllegalStateException if this handle is closed
     */
    public Sender<T> copy() {
        checkOpen();
        chan.senders.incrementAndGet();
        return new Sender<>(chan);
    }

    /** @return true if the receiver is closed: every later send fails */
    public boolean isClosed() {
        return chan.isRxClosed();
    }

    /** @return values that can be sent now without waiting (Integer.MAX_VALUE if unbounded) */
    public int capacity() {
        return chan.capacity == null ? Integer.MAX_VALUE : chan.capacity.availablePermits();
    }

    /** Closes this handle; when the last one closes the receiver sees the end. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (chan.senders.decrementAndGet() == 0) {
            chan.txClosed = true;
            chan.wakeRx();
        }
    }

    /**
     * One send, reusable: {@code IDLE} (free to be claimed), {@code ARMED} (claimed with a value,
     * nothing reserved yet), {@code WAITING} (queued on the semaphore through {@code permit}).
     * Room is first tried without waiting (no object is made); only a full channel makes the
     * {@code permit} request, once per future, and {@link BatchSemaphore.Acquire#reset()} readies
     * it for each later wait.
     *
     * <h2>Invariants</h2>
     * <ul>
     *   <li>Only the owner (the task that claimed it) moves it out of ARMED or WAITING; it returns
     *       to IDLE, with {@code value} cleared, after the value is pushed, after the send failed,
     *       or after it was abandoned, and then owns no permit: an abandoned WAITING send gives
     *       what the semaphore assigned back through {@code permit.abandon()}.</li>
     *   <li>IDLE to ARMED is a CAS, the way back a release store: a handle shared by two tasks
     *       against its contract still never has two sends on one future, and a new owner sees
     *       the previous one's writes. The owner's other accesses are plain.</li>
     * </ul>
     */
    private static final class Sending<T> implements Awaitable<Void> {
        private static final int IDLE = 0;
        private static final int ARMED = 1;
        private static final int WAITING = 2;
        private static final VarHandle STATE;

        static {
            try {
                STATE = MethodHandles.lookup().findVarHandle(Sending.class, "state", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final Chan<T> chan;
        /** through STATE for the claim (CAS) and the release to IDLE; plain for the owner otherwise */
        private int state;
        /** owner only */
        private T value;
        /** owner only; made at the first wait on a full channel */
        private BatchSemaphore.Acquire permit;

        Sending(Chan<T> chan) {
            this.chan = chan;
        }

        /** @return true if this future was free and now sends {@code v} */
        boolean claim(T v) {
            if (state != IDLE || !STATE.compareAndSet(this, IDLE, ARMED)) {
                return false;
            }
            value = v;
            return true;
        }

        @Override
        public Poll<Void> poll(Waker waker) {
            int s = state;
            if (s == WAITING) {
                return pollPermit(waker);
            }
            if (s != ARMED) {
                throw new IllegalStateException("an mpsc send was polled after it completed");
            }
            BatchSemaphore sem = chan.capacity;
            if (sem == null) {
                if (!chan.reserveUnbounded()) {
                    throw fail();
                }
                return pushed();
            }
            switch (sem.tryAcquire(1)) {
                case ACQUIRED:
                    return pushed();
                case CLOSED:
                    throw fail();
                default:
                    break;
            }
            BatchSemaphore.Acquire p = permit;
            if (p == null) {
                permit = sem.acquire(1);
            } else {
                p.reset();
            }
            state = WAITING;
            return pollPermit(waker);
        }

        private Poll<Void> pollPermit(Waker waker) {
            Poll<Boolean> p = permit.poll(waker);
            if (p.isPending()) {
                return Poll.pending();
            }
            if (!p.value()) {
                throw fail();
            }
            return pushed();
        }

        private Poll<Void> pushed() {
            chan.push(value);
            finish();
            return Poll.ready(null);
        }

        private SendException fail() {
            SendException e = closed(value);
            finish();
            return e;
        }

        private void finish() {
            value = null;
            STATE.setRelease(this, IDLE); // release: pairs with the next claim's CAS
        }

        @Override
        public void abandon() {
            int s = state;
            if (s == WAITING) {
                permit.abandon();
            }
            if (s != IDLE) {
                finish();
            }
        }
    }
}
