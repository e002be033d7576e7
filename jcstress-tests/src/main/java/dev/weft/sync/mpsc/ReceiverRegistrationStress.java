package dev.weft.sync.mpsc;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.weft.future.Waker;
import dev.weft.internal.sync.BatchSemaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * The receiver's half of the channel's wake-up hand-off ({@link Chan}, invariant 2): a receiver
 * that found its queue empty swaps its waker in, then looks at the queue again; a sender enqueues,
 * then swaps the waker out. One of the two must see the other. If the waker store could be passed
 * by the re-read (a release store instead of the swap: x86 reorders a store with a later load),
 * the receiver would see an empty queue while the sender found no waker, and the receiver would
 * sleep with a value waiting. Run for both queues: the linked queue of an unbounded channel (its
 * offer is a CAS) and the ring of a bounded one (its slot is published with a release store).
 */
public final class ReceiverRegistrationStress {
    private ReceiverRegistrationStress() {
    }

    /** The waker of both tests: counts its calls. */
    static final class CountingWaker implements Waker {
        final AtomicInteger wakes = new AtomicInteger();

        @Override
        public void wake() {
            wakes.incrementAndGet();
        }
    }

    /** The receiver after a poll that found nothing: register, then re-check (as {@code Receiver.recv} polls). */
    static int registerThenLook(Chan<String> chan, Waker waker) {
        chan.registerRx(waker);
        chan.noMoreSends();
        return chan.pop() != null ? 1 : 0;
    }

    @JCStressTest
    @Description("Unbounded (linked queue): a receiver registering its waker and a sender pushing a value see each other")
    @Outcome(id = "0, 0", expect = FORBIDDEN, desc = "lost wake-up: the receiver saw no value and nobody woke it")
    @Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "the receiver's re-read found the value")
    @Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "the sender woke the receiver")
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "both")
    @State
    public static class Unbounded {
        private final Chan<String> chan = new Chan<>(0);
        private final CountingWaker waker = new CountingWaker();

        @Actor
        public void receiver(II_Result r) {
            r.r1 = registerThenLook(chan, waker);
        }

        @Actor
        public void sender() {
            chan.push("value");
        }

        @Arbiter
        public void woken(II_Result r) {
            r.r2 = waker.wakes.get();
        }
    }

    @JCStressTest
    @Description("Bounded (ring): a receiver registering its waker and a sender pushing a value see each other")
    @Outcome(id = "0, 0", expect = FORBIDDEN, desc = "lost wake-up: the receiver saw no value and nobody woke it")
    @Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "the receiver's re-read found the value")
    @Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "the sender woke the receiver")
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "both")
    @State
    public static class Bounded {
        private final Chan<String> chan = new Chan<>(1);
        private final CountingWaker waker = new CountingWaker();

        @Actor
        public void receiver(II_Result r) {
            r.r1 = registerThenLook(chan, waker);
        }

        @Actor
        public void sender() {
            if (chan.capacity.tryAcquire(1) != BatchSemaphore.TryAcquire.ACQUIRED) {
                throw new IllegalStateException("a fresh channel of capacity 1 has room");
            }
            chan.push("value");
        }

        @Arbiter
        public void woken(II_Result r) {
            r.r2 = waker.wakes.get();
        }
    }
}
