package dev.weft.sync.mpsc;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.weft.future.Waker;
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
 * that found its queue empty stores its waker, then looks at the queue again; a sender enqueues,
 * then takes the waker. One of the two must see the other. If the waker store could be passed
 * by the re-read (a release store instead of a volatile one: x86 reorders a store with a later
 * load), the receiver would see an empty queue while the sender found no waker, and the receiver
 * would sleep with a value waiting.
 */
@JCStressTest
@Description("A receiver registering its waker and a sender pushing a value: one of them sees the other")
@Outcome(id = "0, 0", expect = FORBIDDEN, desc = "lost wake-up: the receiver saw no value and nobody woke it")
@Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "the receiver's re-read found the value")
@Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "the sender woke the receiver")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "both")
@State
public class ReceiverRegistrationStress {
    private final Chan<String> chan = new Chan<>(0);
    private final AtomicInteger wakes = new AtomicInteger();
    private final Waker waker = new Waker() {
        @Override
        public void wake() {
            wakes.incrementAndGet();
        }
    };

    /** The receiver after a poll that found nothing: register, then re-check (as {@code Receiver.recv} polls). */
    @Actor
    public void receiver(II_Result r) {
        chan.registerRx(waker);
        chan.noMoreSends();
        r.r1 = chan.pop() != null ? 1 : 0;
    }

    @Actor
    public void sender() {
        chan.push("value");
    }

    @Arbiter
    public void woken(II_Result r) {
        r.r2 = wakes.get();
    }
}
