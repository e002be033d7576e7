package dev.weft.sync.mpsc;

import dev.weft.future.Poll;
import dev.weft.sync.SendException;
import dev.weft.testing.PendingOperation;
import dev.weft.testing.RecordingWaker;
import dev.weft.testing.WakeLedger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The shared body of the mpsc model tests, bounded or not: two senders (each its own handle, used
 * by one thread at a time) and one receiver, with recording wakers, cancellation and close on both
 * sides. A lincheck class delegates its operations here.
 *
 * <ul>
 *   <li>{@code send}: continues the sender's waiting send with a new waker, or starts one; a send
 *       still pending stays parked across operations (as a suspended task's would).</li>
 *   <li>{@code cancelSend}: abandons the sender's waiting send; its wakers are retired.</li>
 *   <li>{@code closeSender}: gives up the waiting send, then closes the handle; when both are
 *       closed the receiver must see the end.</li>
 *   <li>{@code recv}: polls the receiver with a new waker; a pending receive stays parked.</li>
 *   <li>{@code closeReceiver}: gives up the receiver's pending receive, then closes the
 *       receiving side; waiting senders are released with {@link SendException} and later sends
 *       fail.</li>
 * </ul>
 *
 * <p>{@link #check()} at quiescence, in an order where the validation's own actions can wake a
 * waiter only by satisfying it: no waker was called for a send after it was cancelled; a parked
 * receive that is now ready (a value, or the end) had its newest waker called; each parked send
 * now complete (sent, or failed by close) had its newest waker called; then every value received
 * or still queued was sent exactly once, in each sender's order, and all capacity is back.
 */
final class ChannelModel {
    private final int capacity;
    private final Channel<Integer> ch;
    private final WakeLedger ledger = new WakeLedger();
    private final Side a;
    private final Side b;
    private final ConcurrentLinkedQueue<Integer> sent = new ConcurrentLinkedQueue<>();
    private final List<Integer> received = new ArrayList<>();
    /** the receiver's newest waker while its receive is pending; null when none is */
    private RecordingWaker rxPending;
    private int rxPolls;

    /** One sender handle and the send it is waiting on. */
    private final class Side {
        final Sender<Integer> handle;
        int next;
        boolean closed;
        PendingOperation<Void> waiting;
        int waitingValue;

        Side(Sender<Integer> handle, int first) {
            this.handle = handle;
            this.next = first;
        }

        void send() {
            ledger.begin();
            if (closed) {
                return;
            }
            if (waiting == null) {
                waitingValue = next++;
                try {
                    waiting = new PendingOperation<>(ledger, "send(" + waitingValue + ")",
                            handle.sendAwaitable(waitingValue));
                } catch (SendException e) {
                    return;
                }
            }
            try {
                Poll<Void> p = waiting.poll();
                if (p.isReady()) {
                    sent.add(waitingValue);
                    waiting = null;
                }
            } catch (SendException e) {
                waiting = null;
            }
        }

        void cancel() {
            ledger.begin();
            if (waiting != null) {
                waiting.cancel();
                waiting = null;
            }
        }

        void close() {
            cancel();
            closed = true;
            handle.close();
        }

        void settle() {
            if (waiting == null) {
                return;
            }
            Poll<Void> p = waiting.settle();
            if (p == null) {
                return; // released by close: nothing was sent
            }
            if (p.isReady()) {
                sent.add(waitingValue);
            } else {
                waiting.cancel();
            }
        }
    }

    ChannelModel(Channel<Integer> ch, int capacity) {
        this.ch = ch;
        this.capacity = capacity;
        a = new Side(ch.sender().copy(), 0);
        b = new Side(ch.sender().copy(), 1000);
        ch.sender().close(); // only the two copies keep the channel open
    }

    void sendA() {
        a.send();
    }

    void sendB() {
        b.send();
    }

    void cancelSendA() {
        a.cancel();
    }

    void closeSenderA() {
        a.close();
    }

    void closeSenderB() {
        b.close();
    }

    void recv() {
        ledger.begin();
        RecordingWaker w = ledger.waker("recv/poll" + (++rxPolls));
        Poll<Integer> p = ch.receiver().recvAwaitable().poll(w);
        if (p.isPending()) {
            rxPending = w;
            return;
        }
        rxPending = null;
        if (p.value() != null) {
            received.add(p.value());
        }
    }

    void closeReceiver() {
        ledger.begin();
        // the receiving task closes: a receive of its own still pending was given up first (one
        // task uses the receiver; closing it does not wake that task, as in Tokio)
        rxPending = null;
        ch.receiver().close();
    }

    void check() {
        ledger.begin();
        ledger.check();
        // the receiver first: the senders' settling pushes values (and wakes it) on its own
        if (rxPending != null) {
            Poll<Integer> p = ch.receiver().recvAwaitable().poll(ledger.waker("recv/settle"));
            if (p.isReady()) {
                ledger.requireWoken(rxPending);
                if (p.value() != null) {
                    received.add(p.value());
                }
            }
        }
        a.settle();
        b.settle();
        ledger.check();
        List<Integer> all = new ArrayList<>(received);
        Integer v;
        while ((v = ch.receiver().tryRecv()) != null) {
            all.add(v);
        }
        int lastA = -1;
        int lastB = 999;
        for (int x : all) {
            if (x < 1000) {
                if (x <= lastA) {
                    throw new IllegalStateException("order broken for sender A: " + all);
                }
                lastA = x;
            } else {
                if (x <= lastB) {
                    throw new IllegalStateException("order broken for sender B: " + all);
                }
                lastB = x;
            }
        }
        List<Integer> expected = new ArrayList<>(sent);
        expected.sort(null);
        all.sort(null);
        if (!all.equals(expected)) {
            throw new IllegalStateException("sent " + expected + " but received " + all);
        }
        if (capacity > 0 && ch.sender().capacity() != capacity) {
            throw new IllegalStateException("capacity leaked: " + ch.sender().capacity());
        }
        if (a.closed && b.closed && !ch.receiver().isClosed()) {
            throw new IllegalStateException("every sender closed and the queue drained, yet the receiver is open");
        }
    }
}
