package dev.weft.itest.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Coroutine;
import dev.weft.Suspendable;
import dev.weft.future.Waker;
import dev.weft.net.TcpListener;
import dev.weft.net.TcpStream;
import dev.weft.net.UdpSocket;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Sockets outside a runtime: coroutines driven by blockOn on plain threads, the shared reactor. */
class StandaloneNetTest {
    static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);

    @Suspendable
    static int echoOnce(TcpListener listener) throws IOException {
        try (TcpStream peer = listener.accept()) {
            ByteBuffer buf = ByteBuffer.allocate(1024);
            int total = 0;
            int n;
            while ((n = peer.read(buf)) > 0) {
                buf.flip();
                peer.writeAll(buf);
                buf.clear();
                total += n;
            }
            return total;
        }
    }

    @Test
    void echoRoundTripWithHalfClose() throws Exception {
        try (TcpListener listener = TcpListener.bind(LOOPBACK)) {
            SocketAddress addr = listener.localAddress();
            CompletableFuture<Integer> server = CompletableFuture.supplyAsync(() -> {
                try {
                    return Coroutine.blockOn(() -> echoOnce(listener));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            String reply = Coroutine.blockOn(() -> {
                try (TcpStream s = TcpStream.connect(addr)) {
                    s.setNoDelay(true);
                    byte[] msg = "hello, weft".repeat(1000).getBytes(StandardCharsets.UTF_8);
                    s.writeAll(ByteBuffer.wrap(msg));
                    s.shutdownOutput();
                    ByteBuffer in = ByteBuffer.allocate(msg.length);
                    s.readExact(in);
                    assertEquals(-1, s.read(ByteBuffer.allocate(1)));
                    return new String(in.array(), StandardCharsets.UTF_8);
                }
            });
            assertEquals("hello, weft".repeat(1000), reply);
            assertEquals(11_000, server.get());
        }
    }

    @Test
    void readExactReportsAnEarlyEnd() throws Exception {
        try (TcpListener listener = TcpListener.bind(LOOPBACK)) {
            SocketAddress addr = listener.localAddress();
            CompletableFuture<Void> server = CompletableFuture.runAsync(() -> {
                try {
                    Coroutine.blockOn(() -> {
                        try (TcpStream peer = listener.accept()) {
                            peer.writeAll(ByteBuffer.wrap(new byte[3]));
                        }
                        return null;
                    });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            EOFException e = assertThrows(EOFException.class, () -> Coroutine.blockOn(() -> {
                try (TcpStream s = TcpStream.connect(addr)) {
                    s.readExact(ByteBuffer.allocate(10));
                }
                return null;
            }));
            assertTrue(e.getMessage().contains("7 bytes still expected"), e.getMessage());
            server.get();
        }
    }

    @Test
    void closingAStreamWakesTheTaskWaitingOnIt() throws Exception {
        try (TcpListener listener = TcpListener.bind(LOOPBACK)) {
            SocketAddress addr = listener.localAddress();
            TcpStream[] client = new TcpStream[1];
            Coroutine<Integer> reader = Coroutine.of(() -> {
                client[0] = TcpStream.connect(addr);
                return client[0].read(ByteBuffer.allocate(8));
            });
            CompletableFuture<Void> woken = new CompletableFuture<>();
            CompletableFuture<Void> connected = new CompletableFuture<>();
            // the first polls connect; once the read itself is pending, the coroutine waits on the socket
            while (!reader.poll(() -> connected.complete(null)).isPending() || client[0] == null) {
                connected.get();
            }
            TcpStream accepted = Coroutine.blockOn(listener::accept);
            while (!reader.poll(() -> woken.complete(null)).isPending()) {
                Thread.sleep(1);
            }
            client[0].close();
            woken.get();
            IOException e = assertThrows(IOException.class, () -> reader.poll(Waker.NOOP));
            assertTrue(e.getMessage().contains("is closed"), e.getMessage());
            accepted.close();
        }
    }

    /**
     * The port is held by a socket that is bound but not listening, for the whole test: a port
     * freed by a closed listener could be taken again meanwhile, or be chosen as the connecting
     * socket's own source port (a TCP self-connect, which succeeds).
     */
    @Test
    void connectionRefusedIsReported() throws IOException {
        try (SocketChannel holder = SocketChannel.open()) {
            holder.bind(LOOPBACK);
            SocketAddress notListening = holder.getLocalAddress();
            assertThrows(IOException.class, () -> Coroutine.blockOn(() -> TcpStream.connect(notListening)));
        }
    }

    @Test
    void udpSendToAndReceiveFrom() throws Exception {
        try (UdpSocket a = UdpSocket.bind(LOOPBACK); UdpSocket b = UdpSocket.bind(LOOPBACK)) {
            SocketAddress bAddr = b.localAddress();
            CompletableFuture<String> received = CompletableFuture.supplyAsync(() -> {
                try {
                    return Coroutine.blockOn(() -> {
                        ByteBuffer buf = ByteBuffer.allocate(64);
                        SocketAddress from = b.receiveFrom(buf);
                        buf.flip();
                        b.connect(from);
                        b.send(ByteBuffer.wrap("pong".getBytes(StandardCharsets.UTF_8)));
                        return StandardCharsets.UTF_8.decode(buf).toString();
                    });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            String pong = Coroutine.blockOn(() -> {
                a.sendTo(ByteBuffer.wrap("ping".getBytes(StandardCharsets.UTF_8)), bAddr);
                ByteBuffer buf = ByteBuffer.allocate(64);
                a.receiveFrom(buf);
                buf.flip();
                return StandardCharsets.UTF_8.decode(buf).toString();
            });
            assertEquals("ping", received.get());
            assertEquals("pong", pong);
        }
    }
}
