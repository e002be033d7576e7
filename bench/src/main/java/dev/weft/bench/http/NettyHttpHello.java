package dev.weft.bench.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.FullHttpRequest;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The Netty 4.2 baseline for the HTTP hello workload: NIO transport, {@code HttpServerCodec} plus
 * {@code HttpObjectAggregator}, answering every request with the same headers and body as the
 * examples' {@code HttpServer} ({@code Server}, {@code Date}, {@code Content-Type},
 * {@code Content-Length}; keep-alive unless the request says otherwise). One event loop group of
 * {@code workers} threads serves the acceptor and the connections.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.weft.bench.http.NettyHttpHello 8081 2
 * </pre>
 */
public final class NettyHttpHello {
    private static final byte[] HELLO = "Hello from Weft!\n".getBytes(StandardCharsets.UTF_8);
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private NettyHttpHello() {
    }

    /** Answers each aggregated request; the Date value is formatted at most once a second. */
    static final class Hello extends SimpleChannelInboundHandler<FullHttpRequest> {
        private static volatile long second = -1;
        private static volatile String date = "";

        static String date() {
            long s = System.currentTimeMillis() / 1000;
            if (s != second) {
                date = DATE.format(ZonedDateTime.now(ZoneOffset.UTC));
                second = s;
            }
            return date;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            boolean found = req.uri().equals("/") || req.uri().startsWith("/?");
            ByteBuf body = Unpooled.wrappedBuffer(found ? HELLO : "Not Found\n".getBytes(StandardCharsets.UTF_8));
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    found ? HttpResponseStatus.OK : HttpResponseStatus.NOT_FOUND, body);
            r.headers().set(HttpHeaderNames.SERVER, "netty")
                    .set(HttpHeaderNames.DATE, date())
                    .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
            if (!keepAlive) {
                r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.write(r).addListener(ChannelFutureListener.CLOSE);
            } else {
                ctx.write(r);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();    // one write per batch of pipelined requests, like the Weft server
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /**
     * @param args {@code [port [workers]]}: default 8081 and 2
     * @throws Exception if the port cannot be bound
     */
    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8081;
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(workers, NioIoHandler.newFactory());
        try {
            Channel ch = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel c) {
                            c.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20), new Hello());
                        }
                    })
                    .bind(new InetSocketAddress("127.0.0.1", port)).sync().channel();
            System.out.println("netty http server listening on http://127.0.0.1:"
                    + ((InetSocketAddress) ch.localAddress()).getPort() + "/ (" + workers + " event loops)");
            System.out.flush();
            ch.closeFuture().sync();
        } finally {
            group.shutdownGracefully();
        }
    }
}
