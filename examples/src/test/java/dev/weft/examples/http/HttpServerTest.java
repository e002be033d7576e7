package dev.weft.examples.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.WeftRuntime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link HttpServer} driven by {@link HttpClient} and by raw sockets. */
@Timeout(30)
class HttpServerTest {
    WeftRuntime rt;
    HttpServer server;
    URI base;

    @BeforeEach
    void start() throws Exception {
        rt = WeftRuntime.multiThread().workerThreads(2).build();
        server = HttpServer.start(rt, new InetSocketAddress("127.0.0.1", 0), Duration.ofMillis(400));
        base = URI.create("http://127.0.0.1:" + server.address().getPort() + "/");
    }

    @AfterEach
    void stop() {
        server.close();
        rt.close();
    }

    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Test
    void keepAliveRequestsShareOneConnection() throws Exception {
        HttpClient http = client();
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/?i=" + i)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals(HttpServer.HELLO, r.body());
            assertEquals(String.valueOf(HttpServer.HELLO.length()), r.headers().firstValue("content-length").orElseThrow());
            assertTrue(r.headers().firstValue("date").orElseThrow().endsWith(" GMT"), r.headers()::toString);
        }
        assertEquals(1, server.connectionsAccepted(), "twenty sequential requests on one kept-alive connection");
        assertEquals(20, server.requestsServed());
    }

    @Test
    void otherPathsAre404AndOtherMethods405() throws Exception {
        HttpClient http = client();
        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(base.resolve("/missing")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, missing.statusCode());
        assertEquals("Not Found\n", missing.body());
        HttpResponse<String> head = http.send(HttpRequest.newBuilder(base).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(base).POST(HttpRequest.BodyPublishers.ofString("a body")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", post.headers().firstValue("allow").orElseThrow());
        // the POST's body was skipped, so the connection is still good
        HttpResponse<String> after = http.send(HttpRequest.newBuilder(base).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(HttpServer.HELLO, after.body());
    }

    /** Sends {@code chunks} (pausing between them), then reads until the server closes. */
    String raw(String... chunks) throws IOException, InterruptedException {
        try (Socket s = new Socket("127.0.0.1", server.address().getPort())) {
            s.setTcpNoDelay(true);
            s.setSoTimeout(5_000);
            OutputStream out = s.getOutputStream();
            for (String c : chunks) {
                out.write(c.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                if (chunks.length > 1) {
                    Thread.sleep(20);
                }
            }
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /** @return the status line and body of each response in {@code text}, checking each Content-Length */
    static List<String> responses(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int headEnd = text.indexOf("\r\n\r\n", i);
            assertTrue(headEnd > 0, () -> "truncated response in: " + text);
            String head = text.substring(i, headEnd);
            Matcher m = Pattern.compile("(?im)^Content-Length: (\\d+)$").matcher(head);
            assertTrue(m.find(), head);
            int len = Integer.parseInt(m.group(1));
            int bodyStart = headEnd + 4;
            String body = text.substring(bodyStart, Math.min(text.length(), bodyStart + len));
            out.add(head.substring(0, head.indexOf("\r\n")) + (head.contains("Connection: close") ? " [close]" : "") + " | " + body.strip());
            i = bodyStart + len;
        }
        return out;
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        String text = raw("GET / HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n"
                + "POST /submit HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
                + "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                + "GET / HTTP/1.1\r\nHost: x\r\n\r\n");   // after the close: never answered
        assertEquals(List.of(
                "HTTP/1.1 200 OK | Hello from Weft!",
                "HTTP/1.1 404 Not Found | Not Found",
                "HTTP/1.1 404 Not Found | Not Found",
                "HTTP/1.1 200 OK [close] | Hello from Weft!"), responses(text));
    }

    @Test
    void aRequestInPiecesIsAnsweredOnceComplete() throws Exception {
        String text = raw("GE", "T / HT", "TP/1.1\r\nHo", "st: x\r\nContent-Len", "gth: 3\r\n", "\r", "\nab", "c",
                "GET /a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertEquals(List.of("HTTP/1.1 200 OK | Hello from Weft!", "HTTP/1.1 404 Not Found [close] | Not Found"), responses(text));
    }

    @Test
    void http10ClosesUnlessAskedToKeepAlive() throws Exception {
        assertEquals(List.of("HTTP/1.1 200 OK [close] | Hello from Weft!"), responses(raw("GET / HTTP/1.0\r\n\r\n")));
        String text = raw("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET / HTTP/1.0\r\n\r\n");
        assertTrue(text.contains("Connection: keep-alive"), text);
        assertEquals(2, responses(text).size());
    }

    @Test
    void badRequestsAreAnsweredAndClosed() throws Exception {
        assertEquals(List.of("HTTP/1.1 400 Bad Request [close] | Bad Request"), responses(raw("nonsense\r\n\r\n")));
        assertEquals(List.of("HTTP/1.1 400 Bad Request [close] | Bad Request"), responses(raw("GET / HTTP/1.1\r\n\r\n")));
        assertEquals(List.of("HTTP/1.1 400 Bad Request [close] | Bad Request"),
                responses(raw("GET / HTTP/1.1\r\nHost : x\r\n\r\n")));
        assertEquals(List.of("HTTP/1.1 505 HTTP Version Not Supported [close] | HTTP Version Not Supported"),
                responses(raw("GET / HTTP/2.0\r\nHost: x\r\n\r\n")));
        assertEquals(List.of("HTTP/1.1 501 Not Implemented [close] | Not Implemented"),
                responses(raw("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")));
        assertEquals(List.of("HTTP/1.1 413 Content Too Large [close] | Content Too Large"),
                responses(raw("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\n")));
        assertEquals(List.of("HTTP/1.1 431 Request Header Fields Too Large [close] | Request Header Fields Too Large"),
                responses(raw("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(HttpServer.MAX_HEAD) + "\r\n\r\n")));
    }

    static final List<String> BAD = List.of("HTTP/1.1 400 Bad Request [close] | Bad Request");

    @Test
    void twoHostLinesAre400() throws Exception {
        assertEquals(BAD, responses(raw("GET / HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n")));
        assertEquals(BAD, responses(raw("GET / HTTP/1.1\r\nHost: x\r\nhost: x\r\n\r\n")));
    }

    @Test
    void aSpaceInAFieldNameIs400() throws Exception {
        assertEquals(BAD, responses(raw("GET / HTTP/1.1\r\nHost: x\r\nX Forwarded: a\r\n\r\n")));
        assertEquals(BAD, responses(raw("GET / HTTP/1.1\r\nHost: x\r\nX\tTab: a\r\n\r\n")));
    }

    @Test
    void aBareCrIs400() throws Exception {
        assertEquals(BAD, responses(raw("GET / HTTP/1.1\r\nHost: x\rX-Smuggled: y\r\n\r\n")));
        assertEquals(BAD, responses(raw("GET / HTTP/1.1\r\nHost: x\r\nX-A: a\rb\r\n\r\n")));
    }

    @Test
    void aNulOrControlInAFieldValueIs400() throws Exception {
        assertEquals(BAD, responses(raw("GET / HTTP/1.1\r\nHost: x\r\nX-A: a\u0000b\r\n\r\n")));
        assertEquals(BAD, responses(raw("GET / HTTP/1.1\r\nHost: x\r\nX-A: ab\u001f\r\n\r\n")));
    }

    @Test
    void bareLfEndsLinesAndTheRequestIsAnswered() throws Exception {
        // RFC 9112 §2.2: a recipient may take a single LF as a line terminator; this server does
        assertEquals(List.of("HTTP/1.1 200 OK [close] | Hello from Weft!"),
                responses(raw("GET / HTTP/1.1\nHost: x\nConnection: close\n\n")));
        assertEquals(List.of("HTTP/1.1 200 OK | Hello from Weft!", "HTTP/1.1 404 Not Found [close] | Not Found"),
                responses(raw("\nGET / HTTP/1.1\r\nHost: x\n\r\nGET /a HTTP/1.1\nHost: x\nConnection: close\r\n\n")));
    }

    /**
     * Slowloris: a byte every few milliseconds keeps the idle timer from ever firing, but not the
     * head deadline. The client trickles until the server answers; with no deadline it would
     * trickle until the test's timeout.
     */
    @Test
    void aTricklingHeadGets408WhenItsDeadlinePasses() throws Exception {
        try (HttpServer slow = HttpServer.start(rt, new InetSocketAddress("127.0.0.1", 0), Duration.ofMinutes(5),
                Duration.ofMillis(300));
                Socket s = new Socket("127.0.0.1", slow.address().getPort())) {
            s.setTcpNoDelay(true);
            OutputStream out = s.getOutputStream();
            Thread trickler = new Thread(() -> {
                try {
                    out.write("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.ISO_8859_1));
                    while (true) {
                        out.write('a');
                        out.flush();
                        Thread.sleep(5);
                    }
                } catch (IOException | InterruptedException closed) {
                    // the server closed the connection: done
                }
            });
            trickler.start();
            String text = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            trickler.interrupt();
            trickler.join();
            assertEquals(List.of("HTTP/1.1 408 Request Timeout [close] | Request Timeout"), responses(text));
        }
    }

    @Test
    void anIdleConnectionIsClosed() throws Exception {
        long t0 = System.nanoTime();
        assertEquals("", raw());   // connect, say nothing: the 400 ms idle timeout closes it
        long took = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(took >= 350 && took < 5_000, "closed after " + took + " ms");
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (server.openConnections() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, server.openConnections());
    }

    @Test
    void serveRunsBoundedAndReportsItsAddress() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        long served = HttpServer.serve(new InetSocketAddress("127.0.0.1", 0), 1, Duration.ofMillis(200),
                new PrintStream(buf, true, StandardCharsets.UTF_8));
        String printed = buf.toString(StandardCharsets.UTF_8);
        assertEquals(0, served);
        assertTrue(printed.matches("(?s)http server listening on http://127\\.0\\.0\\.1:\\d+/ \\(1 worker threads\\)\\R"
                + "http server stopped: 0 connections, 0 requests\\R"), printed);
    }
}
