package dev.weft.sync.mpsc;

import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

/**
 * Model checks the unbounded mpsc channel with close on both sides and a recording waker on the
 * receiver: a receive left pending must be woken by the send or the last sender's close that
 * makes it ready, and nothing sent is lost or duplicated; see {@link ChannelModel}. (An unbounded
 * send never waits, so only the receiver has a waker here.)
 */
public class UnboundedCloseLincheckTest {
    private final ChannelModel model = new ChannelModel(Channel.unbounded(), 0);

    @Operation(nonParallelGroup = "a")
    public void sendA() {
        model.sendA();
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
                .actorsPerThread(2)
                .actorsBefore(0)
                .actorsAfter(0)
                .check(UnboundedCloseLincheckTest.class);
    }
}
