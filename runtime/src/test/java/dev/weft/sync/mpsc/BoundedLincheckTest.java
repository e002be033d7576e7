package dev.weft.sync.mpsc;

import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

/**
 * Model checks the bounded mpsc channel (capacity 1, so a second send waits) with recording
 * wakers, waiting and cancelled senders, and close on both sides; see {@link ChannelModel} for the
 * operations and the checks. Bounded try-operations are not linearizable against a sequential
 * queue (a sender that holds a permit but has not enqueued yet makes the channel look full and
 * empty at once, in Tokio too), so the check is wake-ups, conservation and order.
 */
public class BoundedLincheckTest {
    private static final int CAPACITY = 1;
    private final ChannelModel model = new ChannelModel(Channel.bounded(CAPACITY), CAPACITY);

    @Operation(nonParallelGroup = "a")
    public void sendA() {
        model.sendA();
    }

    @Operation(nonParallelGroup = "a")
    public void cancelSendA() {
        model.cancelSendA();
    }

    @Operation(nonParallelGroup = "a")
    public void closeSenderA() {
        model.closeSenderA();
    }

    @Operation(nonParallelGroup = "b")
    public void sendB() {
        model.sendB();
    }

    @Operation(nonParallelGroup = "b")
    public void closeSenderB() {
        model.closeSenderB();
    }

    @Operation(nonParallelGroup = "receiver")
    public void recv() {
        model.recv();
    }

    @Operation(nonParallelGroup = "receiver")
    public void closeReceiver() {
        model.closeReceiver();
    }

    @Validate
    public void check() {
        model.check();
    }

    @Test
    void modelCheck() {
        new ModelCheckingOptions()
                .iterations(10)
                .invocationsPerIteration(200)
                .threads(3)
                .actorsPerThread(3)
                .actorsBefore(0)
                .actorsAfter(0)
                .check(BoundedLincheckTest.class);
    }
}
