package dev.weft.examples.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The HTTP server in a child JVM started under {@code ulimit -n 256}, flooded with more
 * connections than it has descriptors: it says so in its log (once per interval), keeps serving
 * the connection it had, serves a new client once the flood is gone, and its descriptor count
 * returns to where it was.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class FdExhaustionTest {
    static final int LIMIT = 256;
    static final int FLOOD = 320;
    static final String CONDITION = "out of file descriptors";

    /** Collects a child's output lines as they come. */
    static final class Lines extends Thread {
        final List<String> lines = new ArrayList<>();
        private final InputStream in;

        Lines(InputStream in) {
            this.in = in;
            setDaemon(true);
            start();
        }

        @Override
        public void run() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (this) {
                        lines.add(line);
                        notifyAll();
                    }
                }
            } catch (IOException ended) {
                // the child is gone
            }
        }

        synchronized String awaitLine(String contains) throws InterruptedException {
            while (true) {
                for (String l : lines) {
                    if (l.contains(contains)) {
                        return l;
                    }
                }
                wait();
            }
        }

        synchronized long count(String contains) {
            return lines.stream().filter(l -> l.contains(contains)).count();
        }
    }

    static Process startServer() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-javaagent:") || a.startsWith("-XX:+EnableDynamicAgentLoading") || a.startsWith("--sun-misc")) {
                cmd.add(a);
            }
        }
        cmd.addAll(List.of("-Xmx128m", "-cp", System.getProperty("java.class.path"), HttpServer.class.getName(),
                "0", "0", "127.0.0.1"));
        String line = "ulimit -n " + LIMIT + " && exec " + String.join(" ", cmd.stream().map(FdExhaustionTest::quote).toList());
        return new ProcessBuilder("bash", "-c", line).directory(new File(".")).start();
    }

    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    static int fds(long pid) throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return (int) s.count();
        }
    }

    /** One keep-alive GET on {@code s}; @return the status line. */
    static String get(Socket s) throws IOException {
        s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
        InputStream in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after: " + head);
            }
            head.append((char) b);
        }
        Matcher m = Pattern.compile("(?i)Content-Length: (\\d+)").matcher(head);
        assertTrue(m.find(), head::toString);
        in.readNBytes(Integer.parseInt(m.group(1)));
        return head.substring(0, head.indexOf("\r\n"));
    }

    @Test
    void floodedPastItsDescriptorLimitTheServerRecovers() throws Exception {
        Process p = startServer();
        try {
            Lines out = new Lines(p.getInputStream());
            Lines err = new Lines(p.getErrorStream());
            Matcher m = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/").matcher(out.awaitLine("listening on"));
            assertTrue(m.find());
            int port = Integer.parseInt(m.group(1));
            try (Socket keeper = new Socket("127.0.0.1", port)) {
                keeper.setSoTimeout(30_000);
                assertEquals("HTTP/1.1 200 OK", get(keeper));
                int baseline = fds(p.pid());
                List<Socket> flood = new ArrayList<>();
                try {
                    for (int i = 0; i < FLOOD; i++) {
                        flood.add(new Socket("127.0.0.1", port));   // the backlog takes them all
                    }
                    err.awaitLine(CONDITION);
                    long firstReport = System.nanoTime();
                    assertEquals("HTTP/1.1 200 OK", get(keeper), "the connection it had is still served");
                    assertTrue(fds(p.pid()) <= LIMIT);
                    for (Socket s : flood) {
                        s.close();
                    }
                    flood.clear();
                    try (Socket late = new Socket("127.0.0.1", port)) {
                        late.setSoTimeout(30_000);
                        assertEquals("HTTP/1.1 200 OK", get(late), "a new client is served once descriptors are free");
                    }
                    long reportWindowSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - firstReport);
                    long reports = err.count(CONDITION);
                    assertTrue(reports <= 1 + reportWindowSeconds / 10 + 1,
                            () -> reports + " reports in " + reportWindowSeconds + " s: " + err.lines);
                } finally {
                    for (Socket s : flood) {
                        s.close();
                    }
                }
                // every flood connection is closed by the server once it reads their end
                while (fds(p.pid()) > baseline) {
                    Thread.sleep(10);   // bounded by the test's timeout
                }
                assertEquals("HTTP/1.1 200 OK", get(keeper));
            }
            assertTrue(p.isAlive(), () -> "the server died: " + err.lines);
        } finally {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
