package dev.weft.examples.echo;

import dev.weft.JoinHandle;
import dev.weft.Suspendable;
import dev.weft.Task;
import dev.weft.TaskFailedException;
import dev.weft.WeftRuntime;
import dev.weft.future.CancelledException;
import dev.weft.net.TcpStream;
import dev.weft.time.Elapsed;
import dev.weft.time.Time;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * A load generator for {@link EchoServer}: N connections, each sending a fixed message M times
 * and waiting for its echo before the next; every reply is compared with the message. Prints the
 * round trips per second.
 *
 * <pre>
 * java -javaagent:agent/target/weft-agent-0.1.0-SNAPSHOT.jar \
 *      -cp runtime/target/classes:examples/target/classes dev.weft.examples.echo.EchoClient 7000 100 2000 64
 * </pre>
 *
 * <p>Arguments: {@code [host:]port [connections [roundTrips [messageBytes [seconds]]]]}, by
 * default 100 connections × 1,000 round trips of 64 bytes, given at most 60 s. The exit status is
 * 0 only if every round trip completed with a correct reply.
 */
public final class EchoClient {
    private EchoClient() {
    }

    /**
     * The outcome of a run.
     *
     * @param connections connections opened
     * @param roundTripsEach round trips asked of each connection
     * @param messageBytes bytes per message
     * @param completed round trips whose reply was verified
     * @param failedConnections connections that ended with an error (refused, reset, a wrong reply)
     * @param firstError the first of those errors, or null
     * @param timedOut whether the time limit stopped the run
     * @param elapsedNanos wall-clock time of the run
     */
    public record Result(int connections, int roundTripsEach, int messageBytes, long completed, int failedConnections,
            String firstError, boolean timedOut, long elapsedNanos) {
        /** @return round trips asked for in all */
        public long expected() {
            return (long) connections * roundTripsEach;
        }

        /** @return whether every round trip completed with a correct reply */
        public boolean allVerified() {
            return completed == expected() && failedConnections == 0 && !timedOut;
        }

        /** @return verified round trips per second of wall-clock time */
        public double roundTripsPerSecond() {
            return elapsedNanos == 0 ? 0 : completed * 1e9 / elapsedNanos;
        }

        /** @return a two-line report, as the command prints it */
        public String report() {
            String head = String.format(Locale.ROOT, "%d round trips in %.3f s: %,.0f round trips/s", completed,
                    elapsedNanos / 1e9, roundTripsPerSecond());
            if (allVerified()) {
                return head + "\nevery reply verified (" + completed + " of " + expected() + ")";
            }
            return head + "\nFAILED: " + completed + " of " + expected() + " round trips verified, " + failedConnections
                    + " connections failed" + (timedOut ? ", time limit reached" : "")
                    + (firstError != null ? "; first error: " + firstError : "");
        }
    }

    /**
     * The message each connection sends: {@code size} printable bytes ending in a newline.
     *
     * @param size bytes, at least 1
     * @return the message
     */
    static byte[] message(int size) {
        byte[] pattern = "weft echo 0123456789 abcdefghijklmnopqrstuvwxyz ".getBytes(StandardCharsets.US_ASCII);
        byte[] m = new byte[size];
        for (int i = 0; i < size; i++) {
            m[i] = pattern[i % pattern.length];
        }
        m[size - 1] = '\n';
        return m;
    }

    /**
     * Runs the load on {@code runtime}, printing the header and the report to {@code out}. Any
     * thread that is not one of the runtime's workers.
     *
     * @param runtime the runtime whose tasks open the connections
     * @param server the echo server
     * @param connections connections, at least 1
     * @param roundTrips round trips per connection, at least 0
     * @param messageBytes bytes per message, at least 1
     * @param timeLimit the run stops (connections aborted, result {@code timedOut}) after this
     * @param out where to print
     * @return the outcome
     * @throws Exception if the runtime fails
     */
    public static Result run(WeftRuntime runtime, InetSocketAddress server, int connections, int roundTrips,
            int messageBytes, Duration timeLimit, PrintStream out) throws Exception {
        if (connections < 1 || roundTrips < 0 || messageBytes < 1) {
            throw new IllegalArgumentException("need connections >= 1, roundTrips >= 0, messageBytes >= 1; got "
                    + connections + ", " + roundTrips + ", " + messageBytes);
        }
        out.println(connections + " connections x " + roundTrips + " round trips of " + messageBytes + " bytes to "
                + EchoServer.hostPort(server));
        byte[] msg = message(messageBytes);
        LongAdder completed = new LongAdder();
        Result r = runtime.blockOn(() -> {
            long start = System.nanoTime();
            // each task returns null, or what ended its connection early (refused, reset, a wrong reply)
            List<JoinHandle<String>> conns = new ArrayList<>(connections);
            for (int i = 0; i < connections; i++) {
                int id = i;
                conns.add(Task.spawn(() -> {
                    try {
                        connection(server, id, msg, roundTrips, completed);
                        return null;
                    } catch (IOException e) {
                        return e.toString();
                    }
                }));
            }
            boolean timedOut = false;
            try {
                Time.timeout(timeLimit, () -> {
                    for (JoinHandle<String> h : conns) {
                        h.join();
                    }
                    return null;
                });
            } catch (Elapsed e) {
                timedOut = true;
                for (JoinHandle<String> h : conns) {
                    h.abort();
                }
            }
            int failed = 0;
            String firstError = null;
            for (JoinHandle<String> h : conns) {
                String error;
                try {
                    error = h.join();
                } catch (CancelledException e) {
                    continue;   // aborted at the time limit: reported as timedOut
                } catch (TaskFailedException e) {
                    error = String.valueOf(e.getCause());
                }
                if (error != null) {
                    failed++;
                    if (firstError == null) {
                        firstError = error;
                    }
                }
            }
            return new Result(connections, roundTrips, messageBytes, completed.sum(), failed, firstError, timedOut,
                    System.nanoTime() - start);
        });
        out.println(r.report());
        out.flush();
        return r;
    }

    /** One connection: {@code rounds} times, send the message and read back exactly as many bytes. */
    @Suspendable
    static void connection(InetSocketAddress server, int id, byte[] msg, int rounds, LongAdder completed)
            throws IOException {
        try (TcpStream s = TcpStream.connect(server)) {
            s.setNoDelay(true);
            ByteBuffer out = ByteBuffer.allocateDirect(msg.length).put(msg);
            ByteBuffer in = ByteBuffer.allocate(msg.length);
            for (int r = 0; r < rounds; r++) {
                out.clear();
                s.writeAll(out);
                in.clear();
                s.readExact(in);
                if (!Arrays.equals(in.array(), msg)) {
                    throw new IOException("connection " + id + ", round trip " + r + ": the reply differs from the message: '"
                            + new String(in.array(), StandardCharsets.ISO_8859_1).strip() + "'");
                }
                completed.increment();
            }
        }
    }

    /**
     * Runs the client; see the class doc for the arguments.
     *
     * @param args {@code [host:]port [connections [roundTrips [messageBytes [seconds]]]]}
     * @param out where to print
     * @return the exit status: 0 if every reply was verified, 1 if not, 2 on bad arguments
     * @throws Exception if the runtime fails
     */
    static int run(String[] args, PrintStream out) throws Exception {
        if (args.length < 1) {
            out.println("usage: EchoClient [host:]port [connections [roundTrips [messageBytes [seconds]]]]");
            return 2;
        }
        String target = args[0];
        int colon = target.lastIndexOf(':');
        String host = colon < 0 ? "127.0.0.1" : target.substring(0, colon);
        int port = Integer.parseInt(colon < 0 ? target : target.substring(colon + 1));
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int roundTrips = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        int messageBytes = args.length > 3 ? Integer.parseInt(args[3]) : 64;
        long seconds = args.length > 4 ? Long.parseLong(args[4]) : 60;
        try (WeftRuntime rt = WeftRuntime.multiThread().build()) {
            Result r = run(rt, new InetSocketAddress(host, port), connections, roundTrips, messageBytes,
                    Duration.ofSeconds(seconds), out);
            return r.allVerified() ? 0 : 1;
        }
    }

    /**
     * Runs the client and exits with its status; see the class doc for the arguments.
     *
     * @param args {@code [host:]port [connections [roundTrips [messageBytes [seconds]]]]}
     * @throws Exception if the runtime fails
     */
    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out));
    }
}
