package dev.weft.internal.net;

import dev.weft.Async;
import dev.weft.Suspendable;
import dev.weft.internal.io.Interest;
import dev.weft.internal.io.IoOperation;
import dev.weft.internal.io.ScheduledIo;
import java.io.IOException;

/**
 * The non-blocking I/O loop every socket type runs on its {@link ScheduledIo}: attempt while the
 * direction is ready, forget readiness (tick-checked) when the attempt would block, await
 * readiness before the next attempt. It awaits, so it lives above the runtime's API, apart from
 * the reactor that the scheduler's driver turns.
 *
 * <pre>{@code
 * int n = (int) IoLoop.run(io, Interest.READ, READ, buffer, null);   // suspends until readable
 * }</pre>
 */
public final class IoLoop {
    private IoLoop() {
    }

    /**
     * @param io the registered channel
     * @param dir the direction the operation needs
     * @param op one attempt (a constant: nothing is allocated per call)
     * @param a the attempt's first argument
     * @param b the attempt's second argument
     * @param <C> the channel type
     * @param <A> the first argument's type
     * @param <B> the second argument's type
     * @return the attempt's result, {@code >= -1}
     * @throws IOException as the attempt throws it, or if the channel is or gets closed
     */
    @Suspendable
    @SuppressWarnings("unchecked")
    public static <C, A, B> long run(ScheduledIo io, Interest dir, IoOperation<C, A, B> op, A a, B b)
            throws IOException {
        C ch = (C) io.channel();
        while (true) {
            io.ensureOpen();
            int snapshot = io.readiness();
            if (!ScheduledIo.isReady(snapshot, dir)) {
                Async.await(io.whenReady(dir));
                continue;
            }
            long n = op.attempt(ch, a, b);
            if (n == IoOperation.WOULD_BLOCK) {
                io.clearReadiness(dir, snapshot);
            } else if (n >= 0 && (n & IoOperation.DRAINED) != 0) {
                io.clearReadiness(dir, snapshot);
                return n & ~IoOperation.DRAINED;
            } else {
                return n;
            }
        }
    }
}
