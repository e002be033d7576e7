package dev.weft.net;

import dev.weft.Suspendable;
import dev.weft.internal.io.Interest;
import dev.weft.internal.io.IoOperation;
import dev.weft.internal.log.ThrottledLog;
import dev.weft.internal.scheduler.RuntimeContext;
import dev.weft.internal.io.ScheduledIo;
import dev.weft.internal.net.IoLoop;
import dev.weft.time.Time;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A listening TCP socket whose {@link #accept()} suspends the task until a peer connects.
 *
 * <pre>{@code
 * try (TcpListener listener = TcpListener.bind(new InetSocketAddress("127.0.0.1", 0))) {
 *     while (true) {
 *         TcpStream peer = listener.accept();
 *         Task.spawn(() -> echo(peer));
 *     }
 * }
 * }</pre>
 *
 * <p>Several tasks may wait in {@link #accept()} on one listener; each new connection goes to
 * one of them.
 *
 * <p><b>Out of file descriptors.</b> When the process has no descriptor left for a new connection
 * ({@code EMFILE}, {@code ENFILE}), {@code accept()} does not fail: it logs the condition at most
 * once per {@value #OUT_OF_FDS_LOG_SECONDS} s, waits (10 ms, doubling up to 1 s) and tries again,
 * while the connections already open keep being served; the pending peers wait in the kernel's
 * backlog and are accepted once descriptors are free again.
 */
public final class TcpListener implements AutoCloseable {
    static final int OUT_OF_FDS_LOG_SECONDS = 10;
    private static final long MIN_BACKOFF_MS = 10;
    private static final long MAX_BACKOFF_MS = 1000;
    private static final ThrottledLog OUT_OF_FDS =
            new ThrottledLog(System.getLogger("dev.weft.net"), TimeUnit.SECONDS.toNanos(OUT_OF_FDS_LOG_SECONDS));
    /** Stores the accepted peer in {@code peer[0]}. */
    private static final IoOperation<ServerSocketChannel, SocketChannel[], Void> ACCEPT = (ch, peer, unused) -> {
        SocketChannel p = ch.accept();
        if (p == null) {
            return IoOperation.WOULD_BLOCK;
        }
        peer[0] = p;
        return 0;
    };

    private final ServerSocketChannel channel;
    private final ScheduledIo io;

    private TcpListener(ServerSocketChannel channel) throws IOException {
        this.channel = channel;
        this.io = RuntimeContext.reactor().register(channel, "TcpListener " + channel.getLocalAddress());
    }

    /**
     * Binds to {@code address} (port 0 picks a free port).
     *
     * @param address the local address
     * @return the listener
     * @throws IOException if the address cannot be bound
     */
    public static TcpListener bind(SocketAddress address) throws IOException {
        ServerSocketChannel ch = ServerSocketChannel.open();
        try {
            ch.bind(address, 1024);
            return new TcpListener(ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Waits for the next connection.
     *
     * @return the connected peer
     * @throws IOException if the listener was closed or accept failed
     */
    @Suspendable
    public TcpStream accept() throws IOException {
        SocketChannel[] peer = new SocketChannel[1];
        long backoffMs = MIN_BACKOFF_MS;
        while (true) {
            try {
                IoLoop.run(io, Interest.READ, ACCEPT, peer, null);
                break;
            } catch (IOException e) {
                if (io.isClosed() || !isOutOfDescriptors(e)) {
                    throw e;
                }
                OUT_OF_FDS.log(Level.WARNING, io.what() + ": out of file descriptors (" + e.getMessage()
                        + "); backing off accepting, open connections are still served", null);
                Time.sleep(Duration.ofMillis(backoffMs));
                backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
            }
        }
        try {
            return new TcpStream(peer[0]);
        } catch (IOException e) {
            peer[0].close();
            throw e;
        }
    }

    /** EMFILE and ENFILE, as the JDK words them (it has no error code on the exception). */
    static boolean isOutOfDescriptors(IOException e) {
        String m = e.getMessage();
        return m != null && m.startsWith("Too many open files");
    }

    /**
     * @return the bound address (with the chosen port)
     * @throws IOException if the listener is closed
     */
    public InetSocketAddress localAddress() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    /** Stops listening; a task waiting in {@link #accept()} fails with a clear error. */
    @Override
    public void close() {
        io.close();
    }
}
