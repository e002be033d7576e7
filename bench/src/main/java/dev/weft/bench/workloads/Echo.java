package dev.weft.bench.workloads;

import dev.weft.Suspendable;
import dev.weft.Task;
import dev.weft.WeftRuntime;
import dev.weft.net.TcpListener;
import dev.weft.net.TcpStream;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * echo: an echo server and {@value #CONNS} client connections over loopback, all in one
 * process and on the same {@link Baselines#WORKERS} threads; per invocation each client makes
 * {@value #ROUNDS} round trips of {@value #SIZE} bytes (write 64, read the 64 echoed back, check
 * the round number in the first 4 bytes). Score: round trips per second, over all clients.
 *
 * <p>The listener and the {@value #CONNS} connections are set up once per trial, in
 * {@code @Setup}, and reused by every invocation: the score is the round-trip rate, not the
 * connect rate. {@code TCP_NODELAY} on both ends everywhere.
 *
 * <ul>
 *   <li>weft: {@code TcpListener}/{@code TcpStream}; one task per accepted connection
 *       ({@code read}, {@code writeAll}), one task per client per invocation
 *       ({@code writeAll}, then {@code read} into a buffer with room for four messages until
 *       the 64 bytes are back, as Netty's client accumulates them).</li>
 *   <li>netty: Netty 4.2 NIO transport, one {@code MultiThreadIoEventLoopGroup(2, NioIoHandler)}
 *       shared by the server (acceptor and children) and the client channels: 2 event loops in
 *       all. The server handler writes what it reads and flushes on read-complete; the client
 *       handler sends the next message when the whole previous one is back.</li>
 *   <li>vthreads: blocking {@code java.net.Socket}/{@code ServerSocket}, one virtual thread per
 *       accepted connection and one per client per invocation.</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class Echo {
    static final int CONNS = 100;
    static final int ROUNDS = 2_000;
    static final int SIZE = 64;

    @Param({"weft", "netty", "vthreads"})
    String runtime;

    private WeftRuntime weft;
    private TcpStream[] weftClients;

    private EventLoopGroup group;
    private Channel nettyServer;
    private Channel[] nettyClients;

    private ThreadFactory virtual;
    private ServerSocket vtServer;
    private Socket[] vtClients;

    @Setup
    public void setup() throws Exception {
        Baselines.configure();
        switch (runtime) {
            case "weft": setupWeft(); break;
            case "netty": setupNetty(); break;
            case "vthreads": setupVirtual(); break;
            default: throw new IllegalArgumentException("unknown runtime " + runtime);
        }
    }

    @TearDown
    public void tearDown() throws Exception {
        if (weftClients != null) {
            for (TcpStream c : weftClients) {
                if (c != null) {
                    c.close();
                }
            }
        }
        if (weft != null) {
            weft.close();
        }
        if (nettyClients != null) {
            for (Channel c : nettyClients) {
                if (c != null) {
                    c.close().sync();
                }
            }
        }
        if (nettyServer != null) {
            nettyServer.close().sync();
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
        if (vtClients != null) {
            for (Socket c : vtClients) {
                if (c != null) {
                    c.close();
                }
            }
        }
        if (vtServer != null) {
            vtServer.close();
        }
    }

    @Benchmark
    @OperationsPerInvocation(CONNS * ROUNDS)
    public void echo() throws Exception {
        CountDownLatch done = new CountDownLatch(CONNS);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        switch (runtime) {
            case "weft": runWeft(done, failure); break;
            case "netty": runNetty(done, failure); break;
            default: runVirtual(done, failure);
        }
        done.await();
        if (failure.get() != null) {
            throw new IllegalStateException("a client failed", failure.get());
        }
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    // ---- Weft ----

    private void setupWeft() throws Exception {
        weft = Baselines.weft();
        weftClients = weft.blockOn(() -> {
            TcpListener listener = TcpListener.bind(loopback());
            InetSocketAddress addr = listener.localAddress();
            Task.spawn(() -> {
                try (listener) {
                    for (int i = 0; i < CONNS; i++) {
                        TcpStream peer = listener.accept();
                        peer.setNoDelay(true);
                        Task.spawn(() -> {
                            weftEchoServer(peer);
                            return null;
                        });
                    }
                }
                return null;
            });
            TcpStream[] clients = new TcpStream[CONNS];
            for (int i = 0; i < CONNS; i++) {
                clients[i] = TcpStream.connect(addr);
                clients[i].setNoDelay(true);
            }
            return clients;
        });
    }

    @Suspendable
    static void weftEchoServer(TcpStream s) {
        try (s) {
            ByteBuffer buf = ByteBuffer.allocate(4 * SIZE);
            while (s.read(buf) > 0) {
                buf.flip();
                s.writeAll(buf);
                buf.clear();
            }
        } catch (IOException e) {
            // the client closed at teardown
        }
    }

    @Suspendable
    static void weftClient(TcpStream c) throws IOException {
        ByteBuffer out = ByteBuffer.allocate(SIZE);
        // room for more than one message, as Netty's client reads into its adaptive buffer: a
        // read that returns less than the room tells the runtime the socket is empty now
        ByteBuffer in = ByteBuffer.allocate(4 * SIZE);
        for (int r = 0; r < ROUNDS; r++) {
            out.clear();
            out.putInt(0, r);
            c.writeAll(out);
            in.clear();
            while (in.position() < SIZE) {
                if (c.read(in) < 0) {
                    throw new IllegalStateException("the server closed in round " + r);
                }
            }
            if (in.position() > SIZE) {
                throw new IllegalStateException("more than one message in flight");
            }
            if (in.getInt(0) != r) {
                throw new IllegalStateException("round " + r + " got " + in.getInt(0));
            }
        }
    }

    private void runWeft(CountDownLatch done, AtomicReference<Throwable> failure) {
        for (TcpStream c : weftClients) {
            weft.spawn(() -> {
                try {
                    weftClient(c);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
                done.countDown();
                return null;
            });
        }
    }

    // ---- Netty ----

    @ChannelHandler.Sharable
    static final class NettyEchoServer extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** One client connection: sends round r, waits for all 64 bytes back, sends round r+1. */
    static final class NettyClient extends ChannelInboundHandlerAdapter {
        private final ByteBuf acc = Unpooled.buffer(SIZE, SIZE);
        private ChannelHandlerContext ctx;
        private int round;
        private CountDownLatch done;
        private AtomicReference<Throwable> failure;

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            this.ctx = ctx;
        }

        /** Starts one invocation's {@value #ROUNDS} round trips; any thread. */
        void start(CountDownLatch done, AtomicReference<Throwable> failure) {
            ctx.executor().execute(() -> {
                this.done = done;
                this.failure = failure;
                round = 0;
                acc.clear();
                send();
            });
        }

        private void send() {
            ByteBuf out = ctx.alloc().buffer(SIZE);
            out.writeInt(round).writeZero(SIZE - 4);
            ctx.writeAndFlush(out, ctx.voidPromise());
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            if (round >= ROUNDS) {
                in.release();
                fail(new IllegalStateException("bytes after the last round"));
                return;
            }
            try {
                if (in.readableBytes() > acc.writableBytes()) {
                    fail(new IllegalStateException("more than one message in flight"));
                    return;
                }
                acc.writeBytes(in);
            } finally {
                in.release();
            }
            if (acc.readableBytes() < SIZE) {
                return;
            }
            if (acc.getInt(0) != round) {
                fail(new IllegalStateException("round " + round + " got " + acc.getInt(0)));
                return;
            }
            acc.clear();
            if (++round == ROUNDS) {
                done.countDown();
            } else {
                send();
            }
        }

        private void fail(Throwable t) {
            if (done != null && round < ROUNDS) {
                failure.compareAndSet(null, t);
                round = ROUNDS;   // count this client down once
                done.countDown();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(cause);
            ctx.close();
        }
    }

    private void setupNetty() throws Exception {
        group = new MultiThreadIoEventLoopGroup(Baselines.WORKERS, NioIoHandler.newFactory());
        NettyEchoServer serverHandler = new NettyEchoServer();
        nettyServer = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(serverHandler);
                    }
                })
                .bind(loopback()).sync().channel();
        Bootstrap client = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new NettyClient());
                    }
                });
        nettyClients = new Channel[CONNS];
        for (int i = 0; i < CONNS; i++) {
            nettyClients[i] = client.connect(nettyServer.localAddress()).sync().channel();
        }
    }

    private void runNetty(CountDownLatch done, AtomicReference<Throwable> failure) {
        for (Channel c : nettyClients) {
            c.pipeline().get(NettyClient.class).start(done, failure);
        }
    }

    // ---- virtual threads, blocking sockets ----

    private void setupVirtual() throws IOException {
        virtual = Baselines.virtualThreads();
        vtServer = new ServerSocket();
        vtServer.bind(loopback(), CONNS);
        ServerSocket server = vtServer;
        Baselines.startVirtual(virtual, () -> {
            try {
                for (int i = 0; i < CONNS; i++) {
                    Socket peer = server.accept();
                    peer.setTcpNoDelay(true);
                    Baselines.startVirtual(virtual, () -> vtEchoServer(peer));
                }
            } catch (IOException e) {
                // closed at teardown
            }
        });
        vtClients = new Socket[CONNS];
        for (int i = 0; i < CONNS; i++) {
            vtClients[i] = new Socket(server.getInetAddress(), server.getLocalPort());
            vtClients[i].setTcpNoDelay(true);
        }
    }

    private static void vtEchoServer(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            byte[] buf = new byte[4 * SIZE];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            // the client closed at teardown
        }
    }

    private static void vtClient(Socket c) throws IOException {
        InputStream in = c.getInputStream();
        OutputStream out = c.getOutputStream();
        byte[] msg = new byte[SIZE];
        ByteBuffer view = ByteBuffer.wrap(msg);
        for (int r = 0; r < ROUNDS; r++) {
            view.putInt(0, r);
            out.write(msg);
            if (in.readNBytes(msg, 0, SIZE) != SIZE) {
                throw new IOException("the server closed early");
            }
            if (view.getInt(0) != r) {
                throw new IllegalStateException("round " + r + " got " + view.getInt(0));
            }
        }
    }

    private void runVirtual(CountDownLatch done, AtomicReference<Throwable> failure) {
        for (Socket c : vtClients) {
            Baselines.startVirtual(virtual, () -> {
                try {
                    vtClient(c);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
                done.countDown();
            });
        }
    }
}
