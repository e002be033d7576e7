package dev.weft.net;

import dev.weft.Suspendable;
import dev.weft.internal.io.Interest;
import dev.weft.internal.io.IoOperation;
import dev.weft.internal.scheduler.RuntimeContext;
import dev.weft.internal.io.ScheduledIo;
import dev.weft.internal.net.IoLoop;
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
    private static final IoOperation<DatagramChannel, ByteBuffer, SocketAddress> SEND_TO = (ch, src, target) -> {
        int n = ch.send(src, target);
        return n == 0 && src.hasRemaining() ? IoOperation.WOULD_BLOCK : n;
    };
    /** Stores the sender in {@code from[0]}. */
    private static final IoOperation<DatagramChannel, ByteBuffer, SocketAddress[]> RECEIVE_FROM = (ch, dst, from) -> {
        SocketAddress a = ch.receive(dst);
        if (a == null) {
            return IoOperation.WOULD_BLOCK;
        }
        from[0] = a;
        return 0;
    };
    private static final IoOperation<DatagramChannel, ByteBuffer, Void> SEND = (ch, src, unused) -> {
        int n = ch.write(src);
        return n == 0 && src.hasRemaining() ? IoOperation.WOULD_BLOCK : n;
    };
    private static final IoOperation<DatagramChannel, ByteBuffer, Void> RECEIVE = (ch, dst, unused) -> {
        int n = ch.read(dst);
        return n == 0 ? IoOperation.WOULD_BLOCK : n;
    };

    private final DatagramChannel channel;
    private final ScheduledIo io;

    private UdpSocket(DatagramChannel channel) throws IOException {
        this.channel = channel;
        this.io = RuntimeContext.reactor().register(channel, "UdpSocket " + channel.getLocalAddress());
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
        return (int) IoLoop.run(io, Interest.WRITE, SEND_TO, src, target);
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
        SocketAddress[] from = new SocketAddress[1];
        IoLoop.run(io, Interest.READ, RECEIVE_FROM, dst, from);
        return from[0];
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
        return (int) IoLoop.run(io, Interest.WRITE, SEND, src, null);
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
        return (int) IoLoop.run(io, Interest.READ, RECEIVE, dst, null);
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
