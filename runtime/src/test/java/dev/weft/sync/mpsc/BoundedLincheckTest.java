package dev.weft.sync.mpsc;

import dev.weft.future.Awaitable;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

/**
 * Model checks the bounded mpsc channel (capacity 2) with senders that wait (poll twice) or are
 * cancelled while waiting, against a receiver that polls {@code recv}. Bounded try-operations are
 * not linearizable against a sequential queue (a sender that holds a permit but has not enqueued
 * yet makes the channel look full and empty at once, in Tokio too), so the check is conservation
 * and order: each value is received at most once and in per-sender order, and at the end the
 * received values plus those still queued are exactly the values whose send completed, with all
 * capacity back.
 */
public class BoundedLincheckTest {
    private static final int CAPACITY = 2;
    private final Channel<Integer> ch = Channel.bounded(CAPACITY);
    private final ConcurrentLinkedQueue<Integer> sent = new ConcurrentLinkedQueue<>();
    private final List<Integer> received = new ArrayList<>();
    private int nextA = 0;
    private int nextB = 1000;

    private void send(int v) {
        Awaitable<Void> s = ch.sender().sendAwaitable(v);
        Poll<Void> p = s.poll(Waker.NOOP);
        if (p.isPending()) {
            p = s.poll(Waker.NOOP);
        }
        if (p.isReady()) {
            sent.add(v);
        } else {
            s.abandon();
        }
    }

    @Operation(nonParallelGroup = "a")
    public void sendA() {
        send(nextA++);
    }

    @Operation(nonParallelGroup = "b")
    public void sendB() {
        send(nextB++);
    }

    @Operation(nonParallelGroup = "receiver")
    public void recv() {
        Poll<Integer> p = ch.receiver().recvAwaitable().poll(Waker.NOOP);
        if (p.isReady() && p.value() != null) {
            received.add(p.value());
        }
    }

    @Validate
    public void check() {
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
        if (ch.sender().capacity() != CAPACITY) {
            throw new IllegalStateException("capacity leaked: " + ch.sender().capacity());
        }
    }

    @Test
    void modelCheck() {
        new ModelCheckingOptions()
                .iterations(10)
                .invocationsPerIteration(300)
                .threads(3)
                .actorsPerThread(3)
                .actorsBefore(0)
                .actorsAfter(0)
                .check(BoundedLincheckTest.class);
    }
}
