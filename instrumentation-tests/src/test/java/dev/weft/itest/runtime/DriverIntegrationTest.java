package dev.weft.itest.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.JoinHandle;
import dev.weft.Suspendable;
import dev.weft.Task;
import dev.weft.TaskFailedException;
import dev.weft.WeftRuntime;
import dev.weft.net.TcpListener;
import dev.weft.net.TcpStream;
import dev.weft.time.Elapsed;
import dev.weft.time.Time;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Timers, sockets and the blocking pool driven by the runtime's own workers. */
class DriverIntegrationTest {
    static WeftRuntime runtime(String flavor) {
        return flavor.equals("current") ? WeftRuntime.currentThread().build()
                : WeftRuntime.multiThread().workerThreads(2).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"multi", "current"})
    void thousandsOfSleepsFireAndNoneEarly(String flavor) throws Exception {
        try (WeftRuntime rt = runtime(flavor)) {
            int n = 2_000;
            AtomicInteger early = new AtomicInteger();
            long took = rt.blockOn(() -> {
                long start = System.nanoTime();
                List<JoinHandle<Void>> hs = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    long ms = 1 + i % 20;
                    hs.add(Task.spawn(() -> {
                        long t0 = System.nanoTime();
                        Time.sleep(Duration.ofMillis(ms));
                        if (System.nanoTime() - t0 < ms * 1_000_000L) {
                            early.incrementAndGet();
                        }
                        return null;
                    }));
                }
                for (JoinHandle<Void> h : hs) {
                    h.join();
                }
                return System.nanoTime() - start;
            });
            assertEquals(0, early.get());
            assertTrue(took < 10_000_000_000L, "2,000 sleeps of at most 20 ms took " + took / 1_000_000 + " ms");
        }
    }

    @Test
    void pausedClockJumpsWhenEveryTaskIsIdle() throws Exception {
        try (WeftRuntime rt = WeftRuntime.multiThread().workerThreads(2).startPaused(true).build()) {
            long realStart = System.nanoTime();
            long virtual = rt.blockOn(() -> Task.spawn(() -> {
                long start = Time.nanoTime();
                for (int i = 0; i < 100; i++) {
                    Time.sleep(Duration.ofHours(1));
                }
                return Time.nanoTime() - start;
            }).join());
            assertTrue(virtual >= Duration.ofHours(100).toNanos(), "virtual time " + virtual);
            assertTrue(System.nanoTime() - realStart < 5_000_000_000L, "an hour of sleeps ran in real seconds");
            TaskFailedException e = assertThrows(TaskFailedException.class, () -> rt.blockOn(() -> Task.spawn(
                    () -> Time.timeout(Duration.ofMinutes(30), () -> {
                        Time.sleep(Duration.ofHours(2));
                        return "late";
                    })).join()));
            assertTrue(e.getCause() instanceof Elapsed && e.getCause().getMessage().contains("PT30M"), e::toString);
        }
    }

    @Test
    void spawnBlockingRunsOffTheWorkers() throws Exception {
        try (WeftRuntime rt = WeftRuntime.multiThread().workerThreads(1).maxBlockingThreads(8).build()) {
            java.util.concurrent.CountDownLatch allRunning = new java.util.concurrent.CountDownLatch(8);
            List<String> threads = rt.blockOn(() -> {
                List<JoinHandle<String>> hs = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    hs.add(Task.spawnBlocking(() -> {
                        allRunning.countDown();
                        // every job waits for the others: only eight threads at once can finish
                        if (!allRunning.await(20, java.util.concurrent.TimeUnit.SECONDS)) {
                            throw new AssertionError("the pool did not run eight blocking jobs at once");
                        }
                        return Thread.currentThread().getName();
                    }));
                }
                List<String> names = new ArrayList<>();
                for (JoinHandle<String> h : hs) {
                    names.add(h.join());
                }
                return names;
            });
            assertEquals(8, threads.stream().distinct().count(), "eight blocking calls ran at once: " + threads);
            assertTrue(threads.stream().allMatch(n -> n.contains("blocking")), threads::toString);
            TaskFailedException f = assertThrows(TaskFailedException.class,
                    () -> rt.blockOn(() -> Task.spawnBlocking(() -> {
                        throw new IOException("disk gone");
                    }).join()));
            assertEquals("disk gone", f.getCause().getMessage());
            CompletableFuture<Integer> cf = rt.spawn(() -> 41 + 1).toCompletableFuture();
            assertEquals(42, cf.get());
        }
    }

    static int openFds() throws IOException {
        Path fds = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fds)) {
            return -1;
        }
        try (Stream<Path> s = Files.list(fds)) {
            return (int) s.count();
        }
    }

    @Suspendable
    static void echo(TcpStream s) throws IOException {
        try (s) {
            ByteBuffer buf = ByteBuffer.allocate(256);
            while (s.read(buf) > 0) {
                buf.flip();
                s.writeAll(buf);
                buf.clear();
            }
        }
    }

    @Suspendable
    static int client(InetSocketAddress addr, int id, int rounds) throws IOException {
        try (TcpStream c = TcpStream.connect(addr)) {
            c.setNoDelay(true);
            int ok = 0;
            for (int r = 0; r < rounds; r++) {
                ByteBuffer out = ByteBuffer.allocate(8).putInt(id).putInt(r).flip();
                c.writeAll(out);
                ByteBuffer in = ByteBuffer.allocate(8);
                c.readExact(in);
                in.flip();
                if (in.getInt() == id && in.getInt() == r) {
                    ok++;
                }
            }
            return ok;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"multi", "current"})
    void echoWithAThousandConnectionsLeaksNothing(String flavor) throws Exception {
        int fdsBefore = openFds();
        int conns = 1_000;
        int rounds = 5;
        try (WeftRuntime rt = runtime(flavor)) {
            int ok = rt.blockOn(() -> {
                TcpListener listener = TcpListener.bind(new InetSocketAddress("127.0.0.1", 0));
                InetSocketAddress addr = listener.localAddress();
                JoinHandle<Void> server = Task.spawn(() -> {
                    try (listener) {
                        for (int i = 0; i < conns; i++) {
                            TcpStream peer = listener.accept();
                            Task.spawn(() -> {
                                echo(peer);
                                return null;
                            });
                        }
                    }
                    return null;
                });
                List<JoinHandle<Integer>> clients = new ArrayList<>();
                for (int i = 0; i < conns; i++) {
                    int id = i;
                    clients.add(Task.spawn(() -> client(addr, id, rounds)));
                }
                int total = 0;
                for (JoinHandle<Integer> h : clients) {
                    total += h.join();
                }
                server.join();
                return total;
            });
            assertEquals(conns * rounds, ok);
        }
        if (fdsBefore >= 0) {
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (openFds() > fdsBefore + 4 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(openFds() <= fdsBefore + 4, "file descriptors before " + fdsBefore + ", after " + openFds());
        }
    }

    @Test
    void peersThatMisbehaveDoNotHangTheServer() throws Exception {
        try (WeftRuntime rt = WeftRuntime.multiThread().workerThreads(2).build()) {
            List<String> outcomes = rt.blockOn(() -> {
                TcpListener listener = TcpListener.bind(new InetSocketAddress("127.0.0.1", 0));
                InetSocketAddress addr = listener.localAddress();
                List<String> results = new java.util.concurrent.CopyOnWriteArrayList<>();
                JoinHandle<Void> server = Task.spawn(() -> {
                    try (listener) {
                        for (int i = 0; i < 4; i++) {
                            TcpStream peer = listener.accept();
                            Task.spawn(() -> {
                                try (peer) {
                                    ByteBuffer b = ByteBuffer.allocate(4);
                                    Time.timeout(Duration.ofMillis(300), () -> {
                                        peer.readExact(b);
                                        return null;
                                    });
                                    results.add("full");
                                } catch (java.io.EOFException e) {
                                    results.add("eof");
                                } catch (Elapsed e) {
                                    results.add("silent");
                                } catch (IOException e) {
                                    results.add("reset");
                                }
                                return null;
                            });
                        }
                    }
                    return null;
                });
                // 1: half-closes mid-message; 2: says nothing; 3: resets; 4: a full message
                try (TcpStream a = TcpStream.connect(addr)) {
                    a.writeAll(ByteBuffer.wrap(new byte[2]));
                    a.shutdownOutput();
                    Time.sleep(Duration.ofMillis(50));
                }
                TcpStream silent = TcpStream.connect(addr);
                try (java.nio.channels.SocketChannel raw = java.nio.channels.SocketChannel.open(addr)) {
                    raw.setOption(java.net.StandardSocketOptions.SO_LINGER, 0);
                    raw.write(ByteBuffer.wrap(new byte[1]));
                }
                try (TcpStream d = TcpStream.connect(addr)) {
                    d.writeAll(ByteBuffer.wrap(new byte[4]));
                    Time.sleep(Duration.ofMillis(50));
                }
                server.join();
                Time.sleep(Duration.ofMillis(500));
                silent.close();
                return new ArrayList<>(results);
            });
            assertEquals(4, outcomes.size(), outcomes::toString);
            assertTrue(outcomes.contains("eof") && outcomes.contains("silent") && outcomes.contains("full"), outcomes::toString);
        }
    }
}
