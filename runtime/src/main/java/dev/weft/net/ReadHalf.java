package dev.weft.net;

import dev.weft.Suspendable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The reading side of a {@link TcpStream}, for a task that only reads while another writes.
 *
 * <pre>{@code
 * TcpStream.Split halves = stream.split();
 * Task.spawn(() -> { copy(halves.reader(), out); return null; });
 * }</pre>
 */
public final class ReadHalf {
    private final TcpStream stream;

    ReadHalf(TcpStream stream) {
        this.stream = stream;
    }

    /**
     * @param dst the buffer
     * @return bytes read, or -1 at end of stream
     * @throws IOException on error
     * @see TcpStream#read(ByteBuffer)
     */
    @Suspendable
    public int read(ByteBuffer dst) throws IOException {
        return stream.read(dst);
    }

    /**
     * @param dst the buffer to fill
     * @throws IOException on error or early end of stream
     * @see TcpStream#readExact(ByteBuffer)
     */
    @Suspendable
    public void readExact(ByteBuffer dst) throws IOException {
        stream.readExact(dst);
    }
}
