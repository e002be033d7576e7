package dev.weft.sync.mpsc;

import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of the unbounded mpsc channel against a sequential FIFO queue: several senders,
 * one receiver ({@code tryRecv} in one non-parallel group), and the receiver closing the channel
 * (after which {@code trySend} fails and the value comes back).
 */
@Param(name = "v", gen = IntGen.class, conf = "1:5")
public class UnboundedLincheckTest {
    private final Channel<Integer> ch = Channel.unbounded();

    @Operation
    public String trySend(@Param(name = "v") int v) {
        try {
            return String.valueOf(ch.sender().trySend(v));
        } catch (dev.weft.sync.SendException e) {
            return "closed:" + e.value();
        }
    }

    @Operation(nonParallelGroup = "receiver")
    public Integer tryRecv() {
        return ch.receiver().tryRecv();
    }

    @Operation(nonParallelGroup = "receiver")
    public void close() {
        ch.receiver().close();
    }

    @Test
    void modelCheck() {
        new ModelCheckingOptions()
                .iterations(10)
                .invocationsPerIteration(300)
                .threads(3)
                .actorsPerThread(2)
                .actorsBefore(1)
                .actorsAfter(1)
                .check(UnboundedLincheckTest.class);
    }
}
