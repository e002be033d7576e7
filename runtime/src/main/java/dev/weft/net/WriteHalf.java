package dev.weft.net;

import dev.weft.Suspendable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The writing side of a {@link TcpStream}, for a task that only writes while another reads.
 *
 * <pre>{@code
 * TcpStream.Split halves = stream.split();
 * halves.writer().writeAll(ByteBuffer.wrap(bytes));
 * }</pre>
 */
public final class WriteHalf {
    private final TcpStream stream;

    WriteHalf(TcpStream stream) {
        this.stream = stream;
    }

    /**
     * @param src the bytes
     * @return bytes written
     * @throws IOException on error
     * @see TcpStream#write(ByteBuffer)
     */
    @Suspendable
    public int write(ByteBuffer src) throws IOException {
        return stream.write(src);
    }

    /**
     * @param src the bytes
     * @throws IOException on error
     * @see TcpStream#writeAll(ByteBuffer)
     */
    @Suspendable
    public void writeAll(ByteBuffer src) throws IOException {
        stream.writeAll(src);
    }

    /**
     * Half-closes the connection.
     *
     * @throws IOException on error
     */
    public void shutdownOutput() throws IOException {
        stream.shutdownOutput();
    }
}
