package dev.weft.examples.http;

import dev.weft.JoinHandle;
import dev.weft.Suspendable;
import dev.weft.Task;
import dev.weft.WeftRuntime;
import dev.weft.net.TcpListener;
import dev.weft.net.TcpStream;
import dev.weft.time.Elapsed;
import dev.weft.time.Time;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

/**
 * A small HTTP/1.1 server: {@code GET /} (and {@code HEAD /}) answers a fixed text body, any
 * other path 404. One task per connection; enough of RFC 9112 for a load tool such as
 * {@code wrk} to drive it.
 *
 * <pre>
 * java -javaagent:agent/target/weft-agent-0.1.0-SNAPSHOT.jar \
 *      -cp runtime/target/classes:examples/target/classes dev.weft.examples.http.HttpServer 8080
 * wrk -t2 -c100 -d10s http://127.0.0.1:8080/
 * </pre>
 *
 * <p>Arguments: {@code [port [seconds [host [workers]]]]}: the port (default 8080, 0 picks a free
 * one), how long to serve (default 0: until the process is killed), the address to bind (default
 * {@code 127.0.0.1}), the worker threads (default: one per core).
 *
 * <h2>What it does</h2>
 * <ul>
 *   <li>Persistent connections: HTTP/1.1 keeps the connection open unless the request says
 *       {@code Connection: close}; HTTP/1.0 closes it unless the request says
 *       {@code Connection: keep-alive}. Every response carries {@code Content-Length}.</li>
 *   <li>Partial and pipelined requests: bytes are buffered until a request head is complete;
 *       every complete request in a read is answered, in order, and the responses go out in one
 *       write.</li>
 *   <li>A request body ({@code Content-Length}) is read and ignored, up to 1 MiB.</li>
 *   <li>Errors, each answered and then the connection closed: a malformed request line or
 *       header (400), an HTTP/1.1 request without {@code Host} or any request with two (400,
 *       RFC 9112 §3.2), a field name that is not a token, e.g. with a space in it (400, §5.1), a
 *       bare CR (400, §2.2), a NUL or other control character in a field value (400, RFC 9110
 *       §5.5), a head over 8 KiB (431), a body over 1 MiB (413), {@code Transfer-Encoding} (501:
 *       not supported here), a version other than 1.0 and 1.1 (505). A method other than GET and
 *       HEAD on {@code /} is 405.</li>
 *   <li>A bare LF ends a line like CRLF: RFC 9112 §2.2 lets a recipient recognize a single LF
 *       as a line terminator, and answering such a request at once is kinder than making the
 *       client wait for a timeout.</li>
 *   <li>A request head must be complete within the head timeout (default 10 s) from its first
 *       byte, however slowly the bytes trickle in (slowloris); else 408 and the connection is
 *       closed. A connection idle for the idle timeout (default 30 s) is closed.</li>
 * </ul>
 */
public final class HttpServer implements AutoCloseable {
    /** The body of {@code GET /}. */
    public static final String HELLO = "Hello from Weft!\n";

    /** Most bytes of a request line and headers, not counting the blank line that ends them. */
    static final int MAX_HEAD = 8 * 1024;
    static final long MAX_BODY = 1024 * 1024;
    private static final int BUFFER = 16 * 1024;
    private static final byte[] HELLO_BYTES = HELLO.getBytes(StandardCharsets.UTF_8);
    private static final byte[] NOT_FOUND = "Not Found\n".getBytes(StandardCharsets.UTF_8);

    private final TcpListener listener;
    private final InetSocketAddress address;
    private final long idleNanos;
    private final long headNanos;
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final JoinHandle<Void> acceptLoop;
    private final JoinHandle<Void> reaper;
    private volatile boolean closing;

    /** A live connection and when it last did anything, for the idle reaper. */
    private static final class Connection {
        final TcpStream stream;
        volatile long lastActive = System.nanoTime();

        Connection(TcpStream stream) {
            this.stream = stream;
        }
    }

    private HttpServer(WeftRuntime runtime, TcpListener listener, Duration idleTimeout, Duration headTimeout)
            throws IOException {
        this.listener = listener;
        this.address = listener.localAddress();
        this.idleNanos = idleTimeout.toNanos();
        this.headNanos = headTimeout.toNanos();
        this.acceptLoop = runtime.spawn(() -> acceptLoop());
        this.reaper = runtime.spawn(() -> reapIdle());
    }

    /** How long a request head may take from its first byte to its last, unless told otherwise. */
    public static final Duration DEFAULT_HEAD_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Binds {@code address} and serves on {@code runtime}, closing connections idle for 30 s.
     *
     * @param runtime the runtime whose tasks serve the connections
     * @param address where to listen (port 0 picks a free port; see {@link #address()})
     * @return the running server
     * @throws Exception if the address cannot be bound
     */
    public static HttpServer start(WeftRuntime runtime, InetSocketAddress address) throws Exception {
        return start(runtime, address, Duration.ofSeconds(30));
    }

    /**
     * Binds {@code address} and serves on {@code runtime}. Any thread that is not one of the
     * runtime's workers.
     *
     * @param runtime the runtime whose tasks serve the connections
     * @param address where to listen (port 0 picks a free port)
     * @param idleTimeout a connection that neither reads nor writes for this long is closed
     * @return the running server
     * @throws Exception if the address cannot be bound
     */
    public static HttpServer start(WeftRuntime runtime, InetSocketAddress address, Duration idleTimeout) throws Exception {
        return start(runtime, address, idleTimeout, DEFAULT_HEAD_TIMEOUT);
    }

    /**
     * Binds {@code address} and serves on {@code runtime}. Any thread that is not one of the
     * runtime's workers.
     *
     * <pre>{@code
     * HttpServer server = HttpServer.start(rt, new InetSocketAddress("127.0.0.1", 0),
     *         Duration.ofSeconds(30), Duration.ofSeconds(5));
     * }</pre>
     *
     * @param runtime the runtime whose tasks serve the connections
     * @param address where to listen (port 0 picks a free port)
     * @param idleTimeout a connection that neither reads nor writes for this long is closed
     * @param headTimeout a request head not complete this long after its first byte gets 408 and a close
     * @return the running server
     * @throws Exception if the address cannot be bound
     */
    public static HttpServer start(WeftRuntime runtime, InetSocketAddress address, Duration idleTimeout,
            Duration headTimeout) throws Exception {
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive, got " + idleTimeout);
        }
        if (headTimeout.isNegative() || headTimeout.isZero()) {
            throw new IllegalArgumentException("headTimeout must be positive, got " + headTimeout);
        }
        // bind inside the runtime, so that the listener registers with the runtime's reactor
        TcpListener listener = runtime.blockOn(() -> TcpListener.bind(address));
        try {
            return new HttpServer(runtime, listener, idleTimeout, headTimeout);
        } catch (IOException | RuntimeException e) {
            listener.close();
            throw e;
        }
    }

    @Suspendable
    private Void acceptLoop() {
        long acceptFailures = 0;
        try {
            while (!closing) {
                TcpStream peer;
                try {
                    peer = listener.accept();
                } catch (IOException e) {
                    if (closing) {
                        break;
                    }
                    // out of descriptors, accept waits by itself; anything else: say so (the first
                    // time and every thousandth, never a flood) and try again shortly
                    if (acceptFailures++ % 1000 == 0) {
                        System.err.println("http server: accept failed (" + acceptFailures + " so far): " + e.getMessage());
                    }
                    Time.sleep(Duration.ofMillis(50));
                    continue;
                }
                accepted.increment();
                Connection c = new Connection(peer);
                open.add(c);
                if (closing) {
                    open.remove(c);
                    peer.close();
                    break;
                }
                Task.spawn(() -> serve(c));
            }
        } finally {
            listener.close();
        }
        return null;
    }

    /** Closes connections idle for longer than the idle timeout; checks four times per timeout. */
    @Suspendable
    private Void reapIdle() {
        Duration period = Duration.ofNanos(Math.max(idleNanos / 4, 1_000_000));
        while (!closing) {
            Time.sleep(period);
            long now = System.nanoTime();
            for (Connection c : open) {
                if (now - c.lastActive > idleNanos) {
                    c.stream.close();   // wakes its task, whose read fails
                }
            }
        }
        return null;
    }

    /** The parse state of one connection across reads. */
    static final class Parser {
        /** Body bytes of the last request still to be read and ignored. */
        long skip;
        /** Whether the connection ends after the responses written so far. */
        boolean close;
    }

    @Suspendable
    private Void serve(Connection c) {
        TcpStream s = c.stream;
        ByteBuffer in = ByteBuffer.allocate(BUFFER);    // bytes [0, position) are unparsed
        ByteBuffer out = ByteBuffer.allocate(BUFFER);
        Parser p = new Parser();
        // when the partial head now buffered must be complete (Time.nanoTime()); 0: none is pending
        long headDeadline = 0;
        try (s) {
            s.setNoDelay(true);
            while (!p.close) {
                int n = headDeadline == 0 ? s.read(in) : readBefore(s, in, headDeadline);
                if (n == HEAD_TIMED_OUT) {
                    out = append(s, out, fail(p, 408, "Request Timeout"));
                    out.flip();
                    s.writeAll(out);
                    break;
                }
                if (n < 0) {
                    break;      // the peer closed; a partial request is dropped
                }
                c.lastActive = System.nanoTime();
                byte[] a = in.array();
                int end = in.position();
                int start = 0;
                while (!p.close) {
                    if (p.skip > 0) {
                        int k = (int) Math.min(p.skip, end - start);
                        start += k;
                        p.skip -= k;
                        if (p.skip > 0) {
                            break;
                        }
                    }
                    // RFC 9112 §2.2: ignore empty lines before a request line
                    while (start < end && (a[start] == '\n' || (end - start >= 2 && a[start] == '\r' && a[start + 1] == '\n'))) {
                        start += a[start] == '\n' ? 1 : 2;
                    }
                    int headEnd = headEnd(a, start, Math.min(end, start + MAX_HEAD + 4));
                    if (headEnd < 0) {
                        // the limit holds whether the head arrived in one read or in many
                        if (end - start >= MAX_HEAD + 4) {
                            out = append(s, out, fail(p, 431, "Request Header Fields Too Large"));
                        }
                        break;
                    }
                    String head = new String(a, start, headEnd - start, StandardCharsets.ISO_8859_1);
                    start = headEnd;
                    requests.increment();
                    out = append(s, out, handle(head, p));
                }
                if (out.position() > 0) {
                    out.flip();
                    s.writeAll(out);
                    out.clear();
                    c.lastActive = System.nanoTime();
                }
                // keep the unparsed tail at the front of the buffer
                System.arraycopy(a, start, a, 0, end - start);
                in.position(end - start);
                // a partial head is on the clock from its first byte; trickling bytes do not reset it
                if (p.skip > 0 || end == start) {
                    headDeadline = 0;
                } else if (headDeadline == 0) {
                    headDeadline = Time.nanoTime() + headNanos;
                }
            }
            if (p.close) {
                s.shutdownOutput();
            }
        } catch (IOException e) {
            // reset by the peer, closed as idle, or closed by close(): this connection ends
        } finally {
            open.remove(c);
        }
        return null;
    }

    /** What {@link #readBefore} answers when the head deadline passed first. */
    private static final int HEAD_TIMED_OUT = -2;

    /** @return bytes read, -1 at end of stream, or {@link #HEAD_TIMED_OUT} if {@code deadline} passed first */
    @Suspendable
    private static int readBefore(TcpStream s, ByteBuffer in, long deadline) throws IOException {
        long left = deadline - Time.nanoTime();
        if (left <= 0) {
            return HEAD_TIMED_OUT;
        }
        try {
            return Time.timeout(Duration.ofNanos(left), () -> s.read(in));
        } catch (Elapsed e) {
            return HEAD_TIMED_OUT;
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    /** Adds {@code response} to {@code out}, writing out what is there first if it does not fit. */
    @Suspendable
    private static ByteBuffer append(TcpStream s, ByteBuffer out, byte[] response) throws IOException {
        if (out.remaining() < response.length) {
            out.flip();
            s.writeAll(out);
            out.clear();
            if (out.remaining() < response.length) {
                s.writeAll(ByteBuffer.wrap(response));
                return out;
            }
        }
        return out.put(response);
    }

    /**
     * Finds the empty line that ends a head, a line ending in LF or CRLF (RFC 9112 §2.2).
     *
     * @return the index just past that empty line's LF in {@code a[from, to)}, or -1
     */
    static int headEnd(byte[] a, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            if (a[i] == '\n') {
                int j = a[i - 1] == '\r' ? i - 2 : i - 1;
                if (j >= from && a[j] == '\n') {
                    return i + 1;
                }
            }
        }
        return -1;
    }

    /**
     * Answers one request.
     *
     * @param head the request line and header lines, each ended by LF or CRLF, and the empty line
     * @param p where to note a body to skip, or that the connection must close
     * @return the response bytes
     */
    static byte[] handle(String head, Parser p) {
        for (int i = 0; i < head.length(); i++) {
            if (head.charAt(i) == '\r' && (i + 1 == head.length() || head.charAt(i + 1) != '\n')) {
                return fail(p, 400, "Bad Request");     // a bare CR (RFC 9112 §2.2)
            }
        }
        String[] all = head.split("\r?\n", -1);
        int count = all.length;
        while (count > 1 && all[count - 1].isEmpty()) {
            count--;    // the empty line that ends the head and what follows its LF
        }
        String[] lines = java.util.Arrays.copyOf(all, count);
        String[] rl = lines[0].split(" ", -1);
        if (rl.length != 3 || rl[0].isEmpty() || rl[1].isEmpty()) {
            return fail(p, 400, "Bad Request");
        }
        String method = rl[0];
        String target = rl[1];
        String version = rl[2];
        boolean http11 = version.equals("HTTP/1.1");
        if (!http11 && !version.equals("HTTP/1.0")) {
            return version.startsWith("HTTP/") ? fail(p, 505, "HTTP Version Not Supported") : fail(p, 400, "Bad Request");
        }
        boolean hasHost = false;
        boolean closeToken = false;
        boolean keepAliveToken = false;
        long contentLength = 0;
        boolean seenLength = false;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            // no whitespace between the name and the colon (RFC 9112 §5.1), no obsolete line folding
            if (colon <= 0 || line.charAt(colon - 1) == ' ' || line.charAt(colon - 1) == '\t'
                    || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                return fail(p, 400, "Bad Request");
            }
            String name = line.substring(0, colon);
            String value = line.substring(colon + 1).strip();
            if (!isToken(name) || !isFieldValue(line, colon + 1)) {
                return fail(p, 400, "Bad Request");
            }
            if (name.equalsIgnoreCase("Host")) {
                if (hasHost) {
                    return fail(p, 400, "Bad Request");     // two Host lines (RFC 9112 §3.2)
                }
                hasHost = true;
            } else if (name.equalsIgnoreCase("Connection")) {
                for (String token : value.split(",")) {
                    String t = token.strip();
                    closeToken |= t.equalsIgnoreCase("close");
                    keepAliveToken |= t.equalsIgnoreCase("keep-alive");
                }
            } else if (name.equalsIgnoreCase("Content-Length")) {
                long n = parseLength(value);
                if (n < 0 || (seenLength && n != contentLength)) {
                    return fail(p, 400, "Bad Request");
                }
                seenLength = true;
                contentLength = n;
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                return fail(p, 501, "Not Implemented");
            }
        }
        if (http11 && !hasHost) {
            return fail(p, 400, "Bad Request");
        }
        if (contentLength > MAX_BODY) {
            return fail(p, 413, "Content Too Large");
        }
        p.skip = contentLength;
        boolean keepAlive = http11 ? !closeToken : keepAliveToken && !closeToken;
        p.close = !keepAlive;
        // HTTP/1.0 clients assume close unless told otherwise
        String connection = !keepAlive ? "close" : http11 ? null : "keep-alive";
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        if (!path.equals("/")) {
            return response(404, "Not Found", NOT_FOUND, method.equals("HEAD"), connection);
        }
        if (method.equals("GET") || method.equals("HEAD")) {
            return response(200, "OK", HELLO_BYTES, method.equals("HEAD"), connection);
        }
        return response(405, "Method Not Allowed", "Method Not Allowed\n".getBytes(StandardCharsets.US_ASCII), false,
                connection, "Allow: GET, HEAD\r\n");
    }

    /** @return whether {@code s} is a token (RFC 9110 §5.6.2): no space, no separator, no control */
    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** @return whether {@code s} from {@code from} has no control character but HTAB, NUL included (RFC 9110 §5.5) */
    static boolean isFieldValue(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** @return the value of a {@code Content-Length} header, or -1 if it is not a plain decimal number */
    static long parseLength(String v) {
        if (v.isEmpty() || v.length() > 18) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            n = n * 10 + (ch - '0');
        }
        return n;
    }

    private static byte[] fail(Parser p, int status, String reason) {
        p.close = true;
        p.skip = 0;
        return response(status, reason, (reason + "\n").getBytes(StandardCharsets.US_ASCII), false, "close");
    }

    static byte[] response(int status, String reason, byte[] body, boolean headOnly, String connection, String... extra) {
        int length = body == null ? 0 : body.length;
        StringBuilder h = new StringBuilder(160).append("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n")
                .append("Server: weft\r\n")
                .append("Date: ").append(HttpDate.now()).append("\r\n")
                .append("Content-Type: text/plain; charset=utf-8\r\n")
                .append("Content-Length: ").append(length).append("\r\n");
        if (connection != null) {
            h.append("Connection: ").append(connection).append("\r\n");
        }
        for (String e : extra) {
            h.append(e);
        }
        h.append("\r\n");
        byte[] head = h.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (headOnly || length == 0) {
            return head;
        }
        byte[] r = new byte[head.length + length];
        System.arraycopy(head, 0, r, 0, head.length);
        System.arraycopy(body, 0, r, head.length, length);
        return r;
    }

    /** The {@code Date} header value (RFC 9110 §5.6.7), formatted at most once a second. */
    private static final class HttpDate {
        private static final DateTimeFormatter FORMAT =
                DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT).withZone(ZoneOffset.UTC);

        private record Cached(long second, String text) {
        }

        private static volatile Cached cached = new Cached(-1, "");

        static String now() {
            long second = System.currentTimeMillis() / 1000;
            Cached c = cached;
            if (c.second() != second) {
                // a race formats the same second twice: harmless
                c = new Cached(second, FORMAT.format(ZonedDateTime.now(ZoneOffset.UTC)));
                cached = c;
            }
            return c.text();
        }
    }

    /** @return the bound address, with the chosen port */
    public InetSocketAddress address() {
        return address;
    }

    /** @return connections accepted so far */
    public long connectionsAccepted() {
        return accepted.sum();
    }

    /** @return requests answered so far (including errors) */
    public long requestsServed() {
        return requests.sum();
    }

    /** @return connections open now */
    public int openConnections() {
        return open.size();
    }

    /**
     * Stops accepting, closes every open connection and waits up to 5 s for the accept loop to
     * finish. The runtime stays up: it belongs to the caller. Idempotent.
     */
    @Override
    public void close() {
        closing = true;
        reaper.abort();
        listener.close();
        for (Connection c : open) {
            c.stream.close();
        }
        try {
            acceptLoop.toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("the HTTP server's accept loop did not stop", e);
        }
    }

    /**
     * Serves on a new multi-thread runtime for {@code runFor} (or until the process ends, if
     * null), printing the address when listening and a summary when done.
     *
     * @param address where to listen (port 0 picks a free port)
     * @param workers worker threads of the runtime
     * @param runFor how long to serve, or null for ever
     * @param out where to print
     * @return requests served
     * @throws Exception if the address cannot be bound
     */
    public static long serve(InetSocketAddress address, int workers, Duration runFor, PrintStream out) throws Exception {
        try (WeftRuntime rt = WeftRuntime.multiThread().workerThreads(workers).build();
                HttpServer server = start(rt, address)) {
            InetSocketAddress a = server.address();
            out.println("http server listening on http://" + a.getAddress().getHostAddress() + ":" + a.getPort()
                    + "/ (" + workers + " worker threads)");
            out.flush();
            if (runFor == null) {
                server.acceptLoop.toCompletableFuture().join();
            } else {
                Thread.sleep(Math.max(0, runFor.toMillis()));
            }
            long n = server.requestsServed();
            out.println("http server stopped: " + server.connectionsAccepted() + " connections, " + n + " requests");
            return n;
        }
    }

    /**
     * Runs the server; see the class doc for the arguments.
     *
     * @param args {@code [port [seconds [host [workers]]]]}
     * @throws Exception if the address cannot be bound
     */
    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 0;
        String host = args.length > 2 ? args[2] : "127.0.0.1";
        int workers = args.length > 3 ? Integer.parseInt(args[3]) : Runtime.getRuntime().availableProcessors();
        serve(new InetSocketAddress(host, port), workers,
                seconds > 0 ? Duration.ofSeconds(seconds) : null, System.out);
    }
}
