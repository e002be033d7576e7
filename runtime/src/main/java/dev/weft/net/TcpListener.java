package dev.weft.net;

import dev.weft.Async;
import dev.weft.Suspendable;
import dev.weft.internal.io.Interest;
import dev.weft.internal.io.Reactors;
import dev.weft.internal.io.ScheduledIo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

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
 */
public final class TcpListener implements AutoCloseable {
    private final ServerSocketChannel channel;
    private final ScheduledIo io;

    private TcpListener(ServerSocketChannel channel) throws IOException {
        this.channel = channel;
        this.io = Reactors.current().register(channel, "TcpListener " + channel.getLocalAddress());
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
        while (true) {
            io.ensureOpen();
            SocketChannel peer = channel.accept();
            if (peer != null) {
                try {
                    return new TcpStream(peer);
                } catch (IOException e) {
                    peer.close();
                    throw e;
                }
            }
            io.clearReadiness(Interest.READ);
            Async.await(io.ready(Interest.READ));
        }
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
