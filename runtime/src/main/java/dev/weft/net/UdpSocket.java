package dev.weft.net;

import dev.weft.Async;
import dev.weft.Suspendable;
import dev.weft.internal.io.Interest;
import dev.weft.internal.io.Reactors;
import dev.weft.internal.io.ScheduledIo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * A UDP socket whose sends and receives suspend the task instead of blocking the thread.
 *
 * <pre>{@code
 * try (UdpSocket s = UdpSocket.bind(new InetSocketAddress("127.0.0.1", 0))) {
 *     s.sendTo(ByteBuffer.wrap(msg), peer);
 *     ByteBuffer buf = ByteBuffer.allocate(1500);
 *     SocketAddress from = s.receiveFrom(buf);
 * }
 * }</pre>
 */
public final class UdpSocket implements AutoCloseable {
    private final DatagramChannel channel;
    private final ScheduledIo io;

    private UdpSocket(DatagramChannel channel) throws IOException {
        this.channel = channel;
        this.io = Reactors.current().register(channel, "UdpSocket " + channel.getLocalAddress());
    }

    /**
     * @param address the local address (port 0 picks one)
     * @return the bound socket
     * @throws IOException if it cannot be bound
     */
    public static UdpSocket bind(SocketAddress address) throws IOException {
        DatagramChannel ch = DatagramChannel.open();
        try {
            ch.bind(address);
            return new UdpSocket(ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Sends one datagram.
     *
     * @param src the payload
     * @param target the receiver
     * @return bytes sent
     * @throws IOException on error
     */
    @Suspendable
    public int sendTo(ByteBuffer src, SocketAddress target) throws IOException {
        while (true) {
            io.ensureOpen();
            int n = channel.send(src, target);
            if (n != 0 || !src.hasRemaining()) {
                return n;
            }
            io.clearReadiness(Interest.WRITE);
            Async.await(io.ready(Interest.WRITE));
        }
    }

    /**
     * Receives one datagram (excess bytes beyond {@code dst}'s room are dropped, as in UDP).
     *
     * @param dst the buffer
     * @return the sender's address
     * @throws IOException on error
     */
    @Suspendable
    public SocketAddress receiveFrom(ByteBuffer dst) throws IOException {
        while (true) {
            io.ensureOpen();
            SocketAddress from = channel.receive(dst);
            if (from != null) {
                return from;
            }
            io.clearReadiness(Interest.READ);
            Async.await(io.ready(Interest.READ));
        }
    }

    /**
     * Fixes the peer for {@link #send} and {@link #receive}, and filters other senders out.
     *
     * @param peer the peer
     * @throws IOException on error
     */
    public void connect(SocketAddress peer) throws IOException {
        channel.connect(peer);
    }

    /**
     * Sends to the connected peer.
     *
     * @param src the payload
     * @return bytes sent
     * @throws IOException on error, or if not connected
     */
    @Suspendable
    public int send(ByteBuffer src) throws IOException {
        while (true) {
            io.ensureOpen();
            int n = channel.write(src);
            if (n != 0 || !src.hasRemaining()) {
                return n;
            }
            io.clearReadiness(Interest.WRITE);
            Async.await(io.ready(Interest.WRITE));
        }
    }

    /**
     * Receives from the connected peer.
     *
     * @param dst the buffer
     * @return bytes received
     * @throws IOException on error, or if not connected
     */
    @Suspendable
    public int receive(ByteBuffer dst) throws IOException {
        while (true) {
            io.ensureOpen();
            int n = channel.read(dst);
            if (n != 0) {
                return n;
            }
            io.clearReadiness(Interest.READ);
            Async.await(io.ready(Interest.READ));
        }
    }

    /**
     * @return the bound address
     * @throws IOException if the socket is closed
     */
    public InetSocketAddress localAddress() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    /** Closes the socket and wakes any task waiting on it. */
    @Override
    public void close() {
        io.close();
    }
}
