package dev.weft.sync.mpsc;

import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of the unbounded mpsc channel against a sequential FIFO queue: several senders,
 * one receiver ({@code tryRecv} in one non-parallel group).
 *
 * <p>{@code Receiver.close()} is deliberately not an operation here: a send that reserved its
 * slot before the close but enqueues after it is accepted, and a {@code tryRecv} in between
 * answers "empty" (lincheck found this interleaving: close; tryRecv = null; trySend = true). That
 * is not a lost message (the next {@code recv} returns it, and {@code recv} only reports the end
 * once no reservation is outstanding), and Tokio's {@code try_recv} behaves the same; close on
 * both sides is model checked by {@link UnboundedCloseLincheckTest} with a conservation check
 * and recording wakers instead.
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
