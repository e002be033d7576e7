package dev.weft.examples.echo;

import dev.weft.JoinHandle;
import dev.weft.Suspendable;
import dev.weft.Task;
import dev.weft.WeftRuntime;
import dev.weft.net.TcpListener;
import dev.weft.net.TcpStream;
import dev.weft.time.Time;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

/**
 * A TCP echo server: an accept loop, and one task per connection that writes back every byte it
 * reads, until the peer closes. Runs on a multi-thread runtime; drive it with {@link EchoClient}.
 *
 * <pre>
 * java -javaagent:agent/target/weft-agent-0.1.0-SNAPSHOT.jar \
 *      -cp runtime/target/classes:examples/target/classes dev.weft.examples.echo.EchoServer 7000
 * </pre>
 *
 * <p>Arguments: {@code [port [seconds [host]]]}: the port (default 7000, 0 picks a free one), how
 * long to serve (default 0: until the process is killed), the address to bind (default
 * {@code 127.0.0.1}). It prints the bound address first, and a summary when it stops.
 *
 * <p>In a program or a test, {@link #start(WeftRuntime, InetSocketAddress)} serves on a runtime
 * of the caller's and {@link #close()} stops it; {@link #serve} does all of it with a bound on
 * the run time.
 */
public final class EchoServer implements AutoCloseable {
    private final TcpListener listener;
    private final InetSocketAddress address;
    private final Set<TcpStream> open = ConcurrentHashMap.newKeySet();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder echoed = new LongAdder();
    private final JoinHandle<Void> acceptLoop;
    private volatile boolean closing;

    private EchoServer(WeftRuntime runtime, TcpListener listener) throws IOException {
        this.listener = listener;
        this.address = listener.localAddress();
        this.acceptLoop = runtime.spawn(() -> acceptLoop());
    }

    /**
     * Binds {@code address} and starts serving on {@code runtime}. Any thread that is not one of
     * the runtime's workers.
     *
     * @param runtime the runtime whose tasks serve the connections
     * @param address where to listen (port 0 picks a free port; see {@link #address()})
     * @return the running server
     * @throws Exception if the address cannot be bound
     */
    public static EchoServer start(WeftRuntime runtime, InetSocketAddress address) throws Exception {
        // bind inside the runtime, so that the listener registers with the runtime's reactor
        TcpListener listener = runtime.blockOn(() -> TcpListener.bind(address));
        try {
            return new EchoServer(runtime, listener);
        } catch (IOException | RuntimeException e) {
            listener.close();
            throw e;
        }
    }

    @Suspendable
    private Void acceptLoop() {
        try {
            while (!closing) {
                TcpStream peer;
                try {
                    peer = listener.accept();
                } catch (IOException e) {
                    if (closing) {
                        break;
                    }
                    // e.g. too many open files: back off instead of spinning, and keep serving
                    System.err.println("echo server: accept failed: " + e.getMessage());
                    Time.sleep(Duration.ofMillis(50));
                    continue;
                }
                accepted.increment();
                open.add(peer);
                if (closing) {
                    // close() may have swept the set before this peer was added
                    open.remove(peer);
                    peer.close();
                    break;
                }
                Task.spawn(() -> echo(peer));
            }
        } finally {
            listener.close();
        }
        return null;
    }

    @Suspendable
    private Void echo(TcpStream peer) {
        ByteBuffer buf = ByteBuffer.allocateDirect(16 * 1024);
        try (peer) {
            peer.setNoDelay(true);
            int n;
            while ((n = peer.read(buf)) > 0) {
                buf.flip();
                peer.writeAll(buf);
                buf.clear();
                echoed.add(n);
            }
        } catch (IOException e) {
            // a reset by the peer, or close() of this server: either ends this connection only
        } finally {
            open.remove(peer);
        }
        return null;
    }

    /** @return the bound address, with the chosen port */
    public InetSocketAddress address() {
        return address;
    }

    /** @return connections accepted so far */
    public long connectionsAccepted() {
        return accepted.sum();
    }

    /** @return bytes read and written back so far */
    public long bytesEchoed() {
        return echoed.sum();
    }

    /** @return connections open now */
    public int openConnections() {
        return open.size();
    }

    /**
     * Stops accepting, closes every open connection (their tasks end) and waits up to 5 s for the
     * accept loop to finish. The runtime stays up: it belongs to the caller. Idempotent.
     */
    @Override
    public void close() {
        closing = true;
        listener.close();
        for (TcpStream s : open) {
            s.close();
        }
        try {
            acceptLoop.toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("the echo server's accept loop did not stop", e);
        }
    }

    /**
     * What a bounded run served.
     *
     * @param address the bound address
     * @param connections connections accepted
     * @param bytes bytes echoed
     */
    public record Summary(InetSocketAddress address, long connections, long bytes) {
    }

    /**
     * Serves on a new multi-thread runtime for {@code runFor} (or until the process ends, if
     * null), printing the bound address when listening and a summary when done.
     *
     * @param address where to listen (port 0 picks a free port)
     * @param workers worker threads of the runtime
     * @param runFor how long to serve, or null for ever
     * @param out where to print
     * @return what was served
     * @throws Exception if the address cannot be bound
     */
    public static Summary serve(InetSocketAddress address, int workers, Duration runFor, PrintStream out) throws Exception {
        try (WeftRuntime rt = WeftRuntime.multiThread().workerThreads(workers).build();
                EchoServer server = start(rt, address)) {
            out.println("echo server listening on " + hostPort(server.address()) + " (" + workers + " worker threads)");
            out.flush();
            if (runFor == null) {
                server.acceptLoop.toCompletableFuture().join();
            } else {
                Thread.sleep(Math.max(0, runFor.toMillis()));
            }
            Summary s = new Summary(server.address(), server.connectionsAccepted(), server.bytesEchoed());
            out.println("echo server stopped: " + s.connections() + " connections, " + s.bytes() + " bytes echoed");
            return s;
        }
    }

    static String hostPort(InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    /**
     * Runs the server; see the class doc for the arguments.
     *
     * @param args {@code [port [seconds [host]]]}
     * @throws Exception if the address cannot be bound
     */
    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 7000;
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 0;
        String host = args.length > 2 ? args[2] : "127.0.0.1";
        serve(new InetSocketAddress(host, port), Runtime.getRuntime().availableProcessors(),
                seconds > 0 ? Duration.ofSeconds(seconds) : null, System.out);
    }
}
