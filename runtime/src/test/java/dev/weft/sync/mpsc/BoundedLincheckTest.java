package dev.weft.sync.mpsc;

import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.api.Test;

/**
 * Model checks the bounded mpsc channel (capacity 1, so a second send waits) with recording
 * wakers, waiting and cancelled senders, and close on both sides; see {@link ChannelModel} for the
 * operations and the checks. Bounded try-operations are not linearizable against a sequential
 * queue (a sender that holds a permit but has not enqueued yet makes the channel look full and
 * empty at once, in Tokio too), so the check is wake-ups, conservation and order.
 */
public class BoundedLincheckTest extends ChannelModelOperations {
    private static final int CAPACITY = 1;

    public BoundedLincheckTest() {
        super(new ChannelModel(Channel.bounded(CAPACITY), CAPACITY));
    }

    @Operation(nonParallelGroup = "a")
    public void cancelSendA() {
        model.cancelSendA();
    }

    @Test
    void modelCheck() {
        options(3).check(BoundedLincheckTest.class);
    }
}
