package dev.weft.examples.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Suspendable;
import dev.weft.WeftRuntime;
import dev.weft.net.TcpListener;
import dev.weft.net.TcpStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The echo server and client in one JVM, each on its own runtime, on ephemeral ports. */
@Timeout(30)
class EchoExampleTest {
    static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress("127.0.0.1", 0);

    static WeftRuntime runtime() {
        return WeftRuntime.multiThread().workerThreads(2).build();
    }

    @Test
    void clientVerifiesEveryReplyAndPrintsTheRate() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        try (WeftRuntime serverRt = runtime(); WeftRuntime clientRt = runtime();
                EchoServer server = EchoServer.start(serverRt, ANY_LOOPBACK_PORT)) {
            assertTrue(server.address().getPort() > 0);
            EchoClient.Result r = EchoClient.run(clientRt, server.address(), 20, 200, 64, Duration.ofSeconds(20), out);
            assertTrue(r.allVerified(), r::report);
            assertEquals(4000, r.completed());
            assertTrue(r.roundTripsPerSecond() > 0);
            assertEquals(20, server.connectionsAccepted());
            // the server counts a message after its write returns, which may be after the client
            // has read the reply: wait (bounded) for the count of the last messages to land
            awaitAtMostFiveSeconds(() -> server.bytesEchoed() >= 4000L * 64);
            assertEquals(4000L * 64, server.bytesEchoed());
            awaitAtMostFiveSeconds(() -> server.openConnections() == 0);
            assertEquals(0, server.openConnections(), "the clients closed; so did the server's side");
        }
        String printed = buf.toString(StandardCharsets.UTF_8);
        assertTrue(printed.startsWith("20 connections x 200 round trips of 64 bytes to 127.0.0.1:"), printed);
        assertTrue(Pattern.compile("4000 round trips in [0-9.]+ s: [0-9,]+ round trips/s").matcher(printed).find(), printed);
        assertTrue(printed.contains("every reply verified (4000 of 4000)"), printed);
    }

    @Test
    void theCommandLineEntryPointsRunBounded() throws Exception {
        // the client's command line against a server started like the server's command line
        ByteArrayOutputStream serverOut = new ByteArrayOutputStream();
        Thread serverThread = new Thread(() -> {
            try {
                EchoServer.serve(ANY_LOOPBACK_PORT, 1, Duration.ofSeconds(3), new PrintStream(serverOut, true, StandardCharsets.UTF_8));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        serverThread.start();
        int port = -1;
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (port < 0 && System.nanoTime() < deadline) {
            Matcher m = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)").matcher(serverOut.toString(StandardCharsets.UTF_8));
            if (m.find()) {
                port = Integer.parseInt(m.group(1));
            } else {
                Thread.sleep(10);
            }
        }
        assertTrue(port > 0, serverOut::toString);
        ByteArrayOutputStream clientOut = new ByteArrayOutputStream();
        int status = EchoClient.run(new String[] {"127.0.0.1:" + port, "4", "50", "100", "10"},
                new PrintStream(clientOut, true, StandardCharsets.UTF_8));
        assertEquals(0, status, clientOut::toString);
        assertTrue(clientOut.toString(StandardCharsets.UTF_8).contains("every reply verified (200 of 200)"), clientOut::toString);
        serverThread.join(10_000);
        assertFalse(serverThread.isAlive());
        assertTrue(serverOut.toString(StandardCharsets.UTF_8).contains("echo server stopped: 4 connections, 20000 bytes echoed"),
                serverOut::toString);
        assertEquals(2, EchoClient.run(new String[0], new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
    }

    /** A server that echoes every byte upper-cased: the client must notice. */
    @Suspendable
    static Void shout(TcpListener l) throws IOException {
        try (l; TcpStream s = l.accept()) {
            ByteBuffer b = ByteBuffer.allocate(256);
            while (s.read(b) > 0) {
                b.flip();
                for (int i = b.position(); i < b.limit(); i++) {
                    b.put(i, (byte) Character.toUpperCase(b.get(i)));
                }
                s.writeAll(b);
                b.clear();
            }
        }
        return null;
    }

    @Test
    void aWrongReplyIsReported() throws Exception {
        try (WeftRuntime serverRt = runtime(); WeftRuntime clientRt = runtime()) {
            TcpListener l = serverRt.blockOn(() -> TcpListener.bind(ANY_LOOPBACK_PORT));
            InetSocketAddress addr = l.localAddress();
            serverRt.spawn(() -> shout(l));
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            EchoClient.Result r = EchoClient.run(clientRt, addr, 1, 10, 32, Duration.ofSeconds(10),
                    new PrintStream(buf, true, StandardCharsets.UTF_8));
            assertFalse(r.allVerified());
            assertEquals(0, r.completed());
            assertEquals(1, r.failedConnections());
            assertTrue(buf.toString(StandardCharsets.UTF_8).contains("FAILED: 0 of 10 round trips verified, 1 connections failed; "
                    + "first error: java.io.IOException: connection 0, round trip 0: the reply differs from the message: 'WEFT ECHO"),
                    buf::toString);
        }
    }

    @Test
    void aSilentServerHitsTheTimeLimit() throws Exception {
        try (WeftRuntime serverRt = runtime(); WeftRuntime clientRt = runtime()) {
            // accepts and reads, never answers
            TcpListener l = serverRt.blockOn(() -> TcpListener.bind(ANY_LOOPBACK_PORT));
            InetSocketAddress addr = l.localAddress();
            serverRt.spawn(() -> {
                try (l) {
                    TcpStream s = l.accept();
                    try (s) {
                        ByteBuffer b = ByteBuffer.allocate(256);
                        while (s.read(b) > 0) {
                            b.clear();
                        }
                    }
                }
                return null;
            });
            long t0 = System.nanoTime();
            EchoClient.Result r = EchoClient.run(clientRt, addr, 1, 5, 16, Duration.ofMillis(300),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            long took = System.nanoTime() - t0;
            assertTrue(r.timedOut(), r::report);
            assertFalse(r.allVerified());
            assertTrue(r.report().contains("time limit reached"), r::report);
            assertTrue(took < 5_000_000_000L, "the 300 ms limit stopped the run after " + took / 1_000_000 + " ms");
        }
    }

    /** Returns once {@code done} holds or five seconds passed; the caller asserts what it needs. */
    private static void awaitAtMostFiveSeconds(java.util.function.BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }
}
