package dev.weft.sync.mpsc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A bounded channel holds exactly its bound, whatever the bound; a closed sender refuses at once. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BoundedCapacityTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 64, 100, 4095, 4096, 4097})
    void aBoundedChannelHoldsExactlyItsBoundInOrder(int bound) {
        // bounds that are not powers of two round the ring up, never down: the last send of a
        // full bound finds its slot instead of spinning on one the receiver has not freed
        Channel<Integer> ch = Channel.bounded(bound);
        Sender<Integer> tx = ch.sender();
        for (int i = 0; i < bound; i++) {
            assertTrue(tx.trySend(i), "send " + i + " of " + bound);
        }
        assertFalse(tx.trySend(-1), "full at " + bound);
        Receiver<Integer> rx = ch.receiver();
        for (int i = 0; i < bound; i++) {
            assertEquals(i, rx.tryRecv());
        }
        assertNull(rx.tryRecv());
        assertTrue(tx.trySend(bound), "room again once drained");
        assertEquals(bound, rx.tryRecv());
    }

    @Test
    void aBoundBelowOneIsRefusedWithItsValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Channel.bounded(0));
        assertTrue(e.getMessage().contains("0"), e.getMessage());
    }

    @Test
    void aClosedSenderRefusesTrySendEvenWhileOthersKeepTheChannelOpen() {
        Channel<Integer> ch = Channel.bounded(4);
        Sender<Integer> tx = ch.sender();
        Sender<Integer> other = tx.copy();
        tx.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> tx.trySend(1));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertTrue(other.trySend(2), "the copy still sends");
        assertEquals(2, ch.receiver().tryRecv());
    }
}
