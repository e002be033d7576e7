package dev.weft.internal.sync;

import dev.weft.future.Waker;

/**
 * Wakers collected while a lock is held and called after it is released, so a waker that polls
 * inline (or takes other locks) never runs under the primitive's lock (Tokio's
 * {@code util::wake_list}). Owned by one thread; not reusable across threads.
 */
public final class WakeList {
    private Waker first;
    private Waker[] rest;
    private int restSize;

    /** @param w a waker to call later; null is ignored */
    public void add(Waker w) {
        if (w == null) {
            return;
        }
        if (first == null) {
            first = w;
            return;
        }
        if (rest == null) {
            rest = new Waker[4];
        } else if (restSize == rest.length) {
            rest = java.util.Arrays.copyOf(rest, restSize * 2);
        }
        rest[restSize++] = w;
    }

    /** Calls every collected waker once, in the order added; call with no lock held. */
    public void wakeAll() {
        Waker f = first;
        first = null;
        if (f != null) {
            f.wake();
        }
        for (int i = 0; i < restSize; i++) {
            Waker w = rest[i];
            rest[i] = null;
            w.wake();
        }
        restSize = 0;
    }
}
