package dev.weft.internal.io;

import java.io.IOException;

/**
 * One non-blocking attempt of an operation on a channel, for {@link ScheduledIo#run}: the loop
 * "try, clear readiness on would-block, await readiness" is written once there, and each socket
 * type only says what one attempt is. Implementations are stateless constants (non-capturing
 * lambdas), so a call allocates nothing.
 *
 * <p>An attempt answers {@link #WOULD_BLOCK}, or a result {@code >= -1} (bytes moved, -1 for end
 * of stream). A result {@code >= 0} may be marked {@link #drained(long)}: the attempt succeeded
 * and the socket has most likely nothing more in that direction (a read that did not fill the
 * buffer, a write that did not take everything), so readiness is cleared now and the next call
 * awaits the selector instead of paying a system call that would answer {@code EAGAIN}.
 *
 * <pre>{@code
 * static final IoOperation<SocketChannel, ByteBuffer, Void> READ = (ch, dst, unused) -> {
 *     int n = ch.read(dst);
 *     return n == 0 && dst.hasRemaining() ? IoOperation.WOULD_BLOCK : n;
 * };
 * long n = io.run(Interest.READ, READ, buffer, null);
 * }</pre>
 *
 * @param <C> the channel type
 * @param <A> the first argument's type (a buffer)
 * @param <B> the second argument's type (a target address, a result holder; {@code Void} if none)
 */
@FunctionalInterface
public interface IoOperation<C, A, B> {
    /** The attempt would block: no progress was made. */
    long WOULD_BLOCK = Long.MIN_VALUE;

    /** Marks a non-negative result as "the socket is probably empty (or full) now". */
    long DRAINED = 1L << 62;

    /**
     * @param result bytes moved, {@code >= 0}
     * @return {@code result}, marked as having drained the socket's readiness
     */
    static long drained(long result) {
        return result | DRAINED;
    }

    /**
     * Tries once, without blocking.
     *
     * @param channel the channel
     * @param a the first argument
     * @param b the second argument
     * @return {@link #WOULD_BLOCK}, or a result {@code >= -1}, possibly {@link #drained(long) drained}
     * @throws IOException as the channel throws it
     */
    long attempt(C channel, A a, B b) throws IOException;
}
