package dev.weft.itest.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.JoinHandle;
import dev.weft.Suspendable;
import dev.weft.Task;
import dev.weft.WeftRuntime;
import dev.weft.internal.io.Interest;
import dev.weft.internal.io.ScheduledIo;
import dev.weft.net.TcpListener;
import dev.weft.net.TcpStream;
import dev.weft.net.UdpSocket;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Several tasks waiting in the same direction of one socket: every one is woken when it becomes
 * ready (a waiter list), so none hangs. Each test first waits until all of them are queued, so
 * the readiness really arrives while they wait.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SharedWaitersTest {
    static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);

    static ScheduledIo io(Object socket) throws ReflectiveOperationException {
        Field f = socket.getClass().getDeclaredField("io");
        f.setAccessible(true);
        return (ScheduledIo) f.get(socket);
    }

    static void awaitWaiters(ScheduledIo io, Interest dir, int n) throws InterruptedException {
        while (io.waiters(dir) < n) {
            Thread.sleep(1);     // bounded by the test's timeout; no delay is assumed long enough
        }
    }

    @Suspendable
    static int readOne(TcpStream s) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(1);
        int n = s.read(b);
        return n < 0 ? -1 : b.get(0);
    }

    @Test
    void twoReadersOfOneStreamBothGetAByte() throws Exception {
        try (WeftRuntime rt = WeftRuntime.multiThread().workerThreads(2).build();
                TcpListener listener = rt.blockOn(() -> TcpListener.bind(LOOPBACK));
                Socket client = new Socket("127.0.0.1", listener.localAddress().getPort())) {
            TcpStream server = rt.blockOn(listener::accept);
            List<JoinHandle<Integer>> readers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                readers.add(rt.spawn(() -> readOne(server)));
            }
            ScheduledIo io = io(server);
            awaitWaiters(io, Interest.READ, 2);
            OutputStream out = client.getOutputStream();
            out.write(7);
            out.flush();
            // one reader got the byte; the other was woken too, found nothing, and waits again
            int first = -2;
            while (first == -2) {
                for (JoinHandle<Integer> h : readers) {
                    if (h.toCompletableFuture().isDone()) {
                        first = h.toCompletableFuture().join();
                    }
                }
                Thread.sleep(1);
            }
            assertEquals(7, first);
            awaitWaiters(io, Interest.READ, 1);
            out.write(8);
            out.flush();
            int sum = 0;
            for (JoinHandle<Integer> h : readers) {
                sum += h.toCompletableFuture().get();
            }
            assertEquals(15, sum);
            assertEquals(0, io.waiters(Interest.READ));
            server.close();
        }
    }

    @Test
    void twoAcceptorsOnOneListenerEachGetAConnection() throws Exception {
        try (WeftRuntime rt = WeftRuntime.multiThread().workerThreads(2).build();
                TcpListener listener = rt.blockOn(() -> TcpListener.bind(LOOPBACK))) {
            List<JoinHandle<TcpStream>> acceptors = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                acceptors.add(rt.spawn(listener::accept));
            }
            awaitWaiters(io(listener), Interest.READ, 2);
            int port = listener.localAddress().getPort();
            try (Socket a = new Socket("127.0.0.1", port); Socket b = new Socket("127.0.0.1", port)) {
                for (JoinHandle<TcpStream> h : acceptors) {
                    h.toCompletableFuture().get().close();
                }
            }
        }
    }

    @Test
    void twoReceiversOnOneUdpSocketBothGetADatagram() throws Exception {
        try (WeftRuntime rt = WeftRuntime.multiThread().workerThreads(2).build();
                UdpSocket socket = rt.blockOn(() -> UdpSocket.bind(LOOPBACK));
                UdpSocket sender = rt.blockOn(() -> UdpSocket.bind(LOOPBACK))) {
            List<JoinHandle<Integer>> receivers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                receivers.add(rt.spawn(() -> {
                    ByteBuffer b = ByteBuffer.allocate(8);
                    socket.receiveFrom(b);
                    return (int) b.get(0);
                }));
            }
            awaitWaiters(io(socket), Interest.READ, 2);
            InetSocketAddress to = socket.localAddress();
            rt.blockOn(() -> sender.sendTo(ByteBuffer.wrap(new byte[] {3}), to));
            rt.blockOn(() -> sender.sendTo(ByteBuffer.wrap(new byte[] {4}), to));
            int sum = 0;
            for (JoinHandle<Integer> h : receivers) {
                sum += h.toCompletableFuture().get();
            }
            assertEquals(7, sum);
        }
    }
}
