package dev.weft.sync.mpsc;

import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Validate;

/**
 * The lincheck operations both channel models share: two senders (each its own group, so each
 * sender is used by one thread, as a {@code Sender} clone would be) that send and close, and the
 * receiver that receives and closes; {@link ChannelModel} checks wake-ups, conservation and
 * order after each run. A model subclass picks the channel and may add operations.
 */
public abstract class ChannelModelOperations {
    final ChannelModel model;

    ChannelModelOperations(ChannelModel model) {
        this.model = model;
    }

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

    /**
     * @param actorsPerThread operations per thread: enough for the two-step races of the model
     * @return the options both models run with (three threads, one per group)
     */
    static ModelCheckingOptions options(int actorsPerThread) {
        return new ModelCheckingOptions()
                .iterations(10)
                .invocationsPerIteration(200)
                .threads(3)
                .actorsPerThread(actorsPerThread)
                .actorsBefore(0)
                .actorsAfter(0);
    }
}
