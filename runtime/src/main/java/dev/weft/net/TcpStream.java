package dev.weft.net;

import dev.weft.Suspendable;
import dev.weft.internal.io.Interest;
import dev.weft.internal.io.IoOperation;
import dev.weft.internal.scheduler.RuntimeContext;
import dev.weft.internal.io.ScheduledIo;
import dev.weft.internal.net.IoLoop;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * A TCP connection whose reads and writes suspend the task instead of blocking the thread.
 *
 * <pre>{@code
 * try (TcpStream s = TcpStream.connect(new InetSocketAddress("127.0.0.1", 7000))) {
 *     s.writeAll(ByteBuffer.wrap("ping".getBytes()));
 *     ByteBuffer reply = ByteBuffer.allocate(4);
 *     s.readExact(reply);
 * }
 * }</pre>
 *
 * <p>One task may read while another writes ({@link #split()} makes that explicit). Several tasks
 * waiting to read (or to write) at once are all woken when the socket becomes ready; each retries
 * and those that find nothing wait again, so none hangs, but which one gets which bytes is up to
 * the scheduler. Closing the stream wakes every task waiting on it, whose operation then fails
 * with an {@link IOException} saying the stream was closed.
 */
public final class TcpStream implements AutoCloseable {
    /** One read; a read that leaves room in the buffer most likely emptied the socket. */
    private static final IoOperation<SocketChannel, ByteBuffer, Void> READ = (ch, dst, unused) -> {
        int n = ch.read(dst);
        if (n == 0 && dst.hasRemaining()) {
            return IoOperation.WOULD_BLOCK;
        }
        return n > 0 && dst.hasRemaining() ? IoOperation.drained(n) : n;
    };
    /** One write; a write that leaves bytes behind most likely filled the socket's buffer. */
    private static final IoOperation<SocketChannel, ByteBuffer, Void> WRITE = (ch, src, unused) -> {
        int n = ch.write(src);
        if (n == 0 && src.hasRemaining()) {
            return IoOperation.WOULD_BLOCK;
        }
        return src.hasRemaining() ? IoOperation.drained(n) : n;
    };
    private static final IoOperation<SocketChannel, Void, Void> FINISH_CONNECT =
            (ch, unused, unused2) -> ch.finishConnect() ? 0 : IoOperation.WOULD_BLOCK;

    private final SocketChannel channel;
    private final ScheduledIo io;

    TcpStream(SocketChannel channel) throws IOException {
        this.channel = channel;
        this.io = RuntimeContext.reactor().register(channel, "TcpStream " + describe(channel));
    }

    private static String describe(SocketChannel ch) {
        try {
            return ch.getLocalAddress() + " -> " + ch.getRemoteAddress();
        } catch (IOException e) {
            return "(unconnected)";
        }
    }

    /**
     * Connects to {@code address}; suspends until the connection is established.
     *
     * @param address the peer
     * @return the connected stream
     * @throws IOException if the connection fails (refused, unreachable)
     */
    @Suspendable
    public static TcpStream connect(SocketAddress address) throws IOException {
        SocketChannel ch = SocketChannel.open();
        boolean ok = false;
        try {
            ch.configureBlocking(false);
            boolean done = ch.connect(address);
            TcpStream s = new TcpStream(ch);
            if (!done) {
                IoLoop.run(s.io, Interest.WRITE, FINISH_CONNECT, null, null);
            }
            ok = true;
            return s;
        } finally {
            if (!ok) {
                ch.close();
            }
        }
    }

    /**
     * Reads into {@code dst}, suspending until at least one byte is available.
     *
     * @param dst the buffer; its remaining space bounds the read
     * @return bytes read, or -1 at end of stream (0 only if {@code dst} has no room)
     * @throws IOException on a connection error or if the stream was closed
     */
    @Suspendable
    public int read(ByteBuffer dst) throws IOException {
        return (int) IoLoop.run(io, Interest.READ, READ, dst, null);
    }

    /**
     * Reads until {@code dst} is full.
     *
     * @param dst the buffer to fill
     * @throws EOFException if the peer closed before the buffer was full
     * @throws IOException on a connection error
     */
    @Suspendable
    public void readExact(ByteBuffer dst) throws IOException {
        while (dst.hasRemaining()) {
            if (read(dst) < 0) {
                throw new EOFException("the peer closed the connection with " + dst.remaining() + " bytes still expected");
            }
        }
    }

    /**
     * Writes some of {@code src}, suspending until at least one byte was written.
     *
     * @param src the bytes
     * @return bytes written (0 only if {@code src} was empty)
     * @throws IOException on a connection error or if the stream was closed
     */
    @Suspendable
    public int write(ByteBuffer src) throws IOException {
        return (int) IoLoop.run(io, Interest.WRITE, WRITE, src, null);
    }

    /**
     * Writes all of {@code src}.
     *
     * @param src the bytes
     * @throws IOException on a connection error
     */
    @Suspendable
    public void writeAll(ByteBuffer src) throws IOException {
        while (src.hasRemaining()) {
            write(src);
        }
    }

    /**
     * Half-closes: the peer reads end-of-stream; this side can still read.
     *
     * @throws IOException on error
     */
    public void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    /**
     * @param on whether to disable Nagle's algorithm
     * @throws IOException on error
     */
    public void setNoDelay(boolean on) throws IOException {
        channel.setOption(StandardSocketOptions.TCP_NODELAY, on);
    }

    /**
     * @return the local address
     * @throws IOException if the stream is closed
     */
    public InetSocketAddress localAddress() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    /**
     * @return the peer's address
     * @throws IOException if the stream is closed
     */
    public InetSocketAddress remoteAddress() throws IOException {
        return (InetSocketAddress) channel.getRemoteAddress();
    }

    /** @return the read half and the write half, usable from two tasks */
    public Split split() {
        return new Split(new ReadHalf(this), new WriteHalf(this));
    }

    /**
     * The two halves of a stream.
     *
     * @param reader the read half
     * @param writer the write half
     */
    public record Split(ReadHalf reader, WriteHalf writer) {
    }

    /** Closes the connection and wakes any task waiting on it. */
    @Override
    public void close() {
        io.close();
    }

    /** @return true once closed */
    public boolean isClosed() {
        return io.isClosed();
    }
}
