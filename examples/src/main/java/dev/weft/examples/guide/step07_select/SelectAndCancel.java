package dev.weft.examples.guide.step07_select;

import dev.weft.Select;
import dev.weft.Suspendable;
import dev.weft.Task;
import dev.weft.WeftRuntime;
import dev.weft.sync.Notify;
import dev.weft.sync.mpsc.Channel;
import dev.weft.sync.mpsc.Receiver;
import dev.weft.sync.mpsc.Sender;
import dev.weft.time.Elapsed;
import dev.weft.time.Interval;
import dev.weft.time.Time;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Guide step 7: select and cancellation. Work raced against a timeout, two branches raced with
 * {@link Select} (the loser's {@code finally} runs), and a select loop over a channel, a timer
 * and a shutdown signal. The clock is paused, so the times printed are exact.
 *
 * <pre>
 * java -javaagent:agent/target/weft-agent-0.1.0-SNAPSHOT.jar \
 *      -cp runtime/target/classes:examples/target/classes dev.weft.examples.guide.step07_select.SelectAndCancel
 * </pre>
 */
public final class SelectAndCancel {
    private final PrintStream out;
    private long start;

    SelectAndCancel(PrintStream out) {
        this.out = out;
    }

    private String now() {
        return String.format("t=%3dms", (Time.nanoTime() - start) / 1_000_000);
    }

    @Suspendable
    String work(String name, long millis) {
        try {
            Time.sleep(Duration.ofMillis(millis));
            return name + " finished";
        } finally {
            out.println("  " + now() + " " + name + ": finally ran");
        }
    }

    @Suspendable
    void timeout() throws Exception {
        out.println("race work against Time.timeout:");
        try {
            String r = Time.timeout(Duration.ofMillis(50), () -> work("slow work", 100));
            out.println("  " + r);
        } catch (Elapsed e) {
            out.println("  " + now() + " Elapsed: " + e.getMessage());
        }
        out.println("  " + Time.timeout(Duration.ofMillis(50), () -> work("quick work", 20)));
    }

    @Suspendable
    void race() throws Exception {
        out.println("race two branches with Select:");
        String winner = Select.<String>biased()
                .onCall(() -> work("branch A", 30), r -> "A won: " + r)
                .onCall(() -> work("branch B", 10), r -> "B won: " + r)
                .await();
        out.println("  " + now() + " " + winner);
    }

    @Suspendable
    void loop() throws Exception {
        out.println("a select loop over a channel, an interval and a shutdown signal:");
        Channel<String> ch = Channel.bounded(4);
        Receiver<String> rx = ch.receiver();
        Notify shutdown = new Notify();
        Sender<String> tx = ch.sender();
        Task.spawn(() -> {
            try (tx) {
                for (int i = 1; i <= 4; i++) {
                    Time.sleep(Duration.ofMillis(15));
                    tx.send("job-" + i);
                }
            }
            Time.sleep(Duration.ofMillis(25));
            shutdown.notifyOne();
            return null;
        });
        Interval every = Time.interval(Duration.ofMillis(25));
        int received = 0;
        boolean open = true;
        while (true) {
            Select<String> select = Select.biased();               // shutdown first, then messages, then ticks
            select.on(shutdown.notified(), x -> "shutdown");
            if (open) {
                select.on(rx.recvAwaitable(), msg -> msg == null ? "channel closed" : "received " + msg);
            }
            select.onCall(every::tick, at -> "tick");
            String event = select.await();                         // a select is used once: build one per turn
            out.println("  " + now() + " " + event);
            if (event.equals("shutdown")) {
                break;
            } else if (event.equals("channel closed")) {
                open = false;                                      // recv would return null at once from now on
            } else if (event.startsWith("received")) {
                received++;
            }
        }
        out.println("  " + now() + " stopped after " + received + " messages");
    }

    void run() throws Exception {
        try (WeftRuntime rt = WeftRuntime.currentThread().startPaused(true).build()) {
            rt.blockOn(() -> {
                start = Time.nanoTime();
                timeout();
                start = Time.nanoTime();
                race();
                start = Time.nanoTime();
                loop();
                return null;
            });
        }
    }

    /**
     * Runs the example.
     *
     * @param args unused
     * @throws Exception if it fails
     */
    public static void main(String[] args) throws Exception {
        new SelectAndCancel(System.out).run();
    }
}
