package dev.weft.internal.io;

import java.nio.channels.SelectionKey;

/** The two directions a task can wait in, as {@link SelectionKey} operation sets. */
public enum Interest {
    /** Data to read, or a connection to accept. */
    READ(SelectionKey.OP_READ | SelectionKey.OP_ACCEPT, 1),
    /** Room to write, or a connect that finished. */
    WRITE(SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT, 2);

    private final int ops;
    private final int bit;

    Interest(int ops, int bit) {
        this.ops = ops;
        this.bit = bit;
    }

    /**
     * @param validOps the operations the channel supports
     * @return the operations of this direction the channel supports
     */
    int opsFor(int validOps) {
        return ops & validOps;
    }

    /** @return every operation of this direction */
    int ops() {
        return ops;
    }

    /** @return this direction's bit in a {@link ScheduledIo} readiness word */
    int bit() {
        return bit;
    }
}
