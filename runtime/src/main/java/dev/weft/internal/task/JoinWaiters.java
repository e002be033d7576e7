package dev.weft.internal.task;

import dev.weft.future.Waker;
import java.util.Arrays;

/**
 * The joiners of one task when more than one awaits it: an immutable array of distinct wakers
 * (by identity), replaced by compare-and-set, so each joiner is woken once at completion.
 *
 * <p>A joiner that polled and then gave up (it lost a select) stays listed and gets one spurious
 * wake at completion; the list holds at most one entry per distinct waker.
 */
final class JoinWaiters {
    final Waker[] wakers;

    private JoinWaiters(Waker[] wakers) {
        this.wakers = wakers;
    }

    /**
     * @param current the task's join slot now: null, one {@link Waker}, or a {@code JoinWaiters}
     * @param waker the joiner to add
     * @return what the slot should hold with {@code waker} in it ({@code current} itself if it
     *     is already there)
     */
    static Object with(Object current, Waker waker) {
        if (current == null || current == waker) {
            return waker;
        }
        if (current instanceof JoinWaiters) {
            Waker[] ws = ((JoinWaiters) current).wakers;
            for (Waker w : ws) {
                if (w == waker) {
                    return current;
                }
            }
            Waker[] more = Arrays.copyOf(ws, ws.length + 1);
            more[ws.length] = waker;
            return new JoinWaiters(more);
        }
        return new JoinWaiters(new Waker[] {(Waker) current, waker});
    }
}
