package dev.weft.sync.mpsc;

import org.junit.jupiter.api.Test;

/**
 * Model checks the unbounded mpsc channel with close on both sides and a recording waker on the
 * receiver: a receive left pending must be woken by the send or the last sender's close that
 * makes it ready, and nothing sent is lost or duplicated; see {@link ChannelModel}. (An unbounded
 * send never waits, so only the receiver has a waker here.) Three operations per thread: with
 * two, a run where both senders close while the receive waits is too rare, and a close that
 * drops its wake of the receiver passed.
 */
public class UnboundedCloseLincheckTest extends ChannelModelOperations {
    public UnboundedCloseLincheckTest() {
        super(new ChannelModel(Channel.unbounded(), 0));
    }

    @Test
    void modelCheck() {
        options(3).check(UnboundedCloseLincheckTest.class);
    }
}
