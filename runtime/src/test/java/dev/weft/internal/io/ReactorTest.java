package dev.weft.internal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.internal.net.IoLoop;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.Selector;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The reactor without a runtime: a plain thread waits in {@link IoLoop#run} (outside a
 * coroutine the await blocks the thread) while the test turns the reactor by hand.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReactorTest {
    static final IoOperation<Pipe.SourceChannel, ByteBuffer, Void> READ = (ch, dst, unused) -> {
        int n = ch.read(dst);
        return n == 0 ? IoOperation.WOULD_BLOCK : n;
    };

    final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logged.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLog() {
        Logger.getLogger("dev.weft.io").addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        Logger.getLogger("dev.weft.io").removeHandler(capture);
    }

    /** A reader blocked in run() on the pipe's source, once its waiter is queued. */
    static CompletableFuture<Long> blockedReader(ScheduledIo io) throws InterruptedException {
        CompletableFuture<Long> result = CompletableFuture.supplyAsync(() -> {
            try {
                return IoLoop.run(io, Interest.READ, READ, ByteBuffer.allocate(16), null);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        while (io.waiters(Interest.READ) == 0) {
            Thread.sleep(1);
        }
        return result;
    }

    @Test
    void aSpinningSelectorIsRebuiltOnceAndKeepsItsChannels() throws Exception {
        AtomicInteger spins = new AtomicInteger(8);
        Reactor.SelectCall spinning = (selector, onReady, ms) -> spins.getAndDecrement() > 0 ? 0 : selector.select(onReady, ms);
        try (Reactor reactor = new Reactor(spinning, 8)) {
            Pipe pipe = Pipe.open();
            ScheduledIo io = reactor.register(pipe.source(), "test pipe");
            reactor.turn(0);    // applies the registration
            CompletableFuture<Long> reader = blockedReader(io);
            for (int i = 0; i < 8; i++) {
                reactor.turn(TimeUnit.SECONDS.toNanos(30));    // each returns at once: the fake spins
            }
            assertEquals(1, reactor.rebuilds(), "rebuilt after 8 early empty selects");
            List<LogRecord> rebuilt = logged.stream().filter(r -> r.getMessage().contains("rebuilt")).toList();
            assertEquals(1, rebuilt.size(), () -> "said once: " + logged);
            // the rebuild reported the pipe ready, so the reader retried and waits again
            while (io.waiters(Interest.READ) == 0) {
                Thread.sleep(1);
            }
            pipe.sink().write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            while (!reader.isDone()) {
                reactor.turn(TimeUnit.SECONDS.toNanos(1));   // the real select on the new selector
            }
            assertEquals(3L, reader.get());
            io.close();
            pipe.sink().close();
        }
    }

    @Test
    void aFailingSelectorIsLoggedOncePerIntervalAndTurnDoesNotThrow() throws Exception {
        AtomicInteger failures = new AtomicInteger(50);
        Reactor.SelectCall failing = (selector, onReady, ms) -> {
            if (failures.getAndDecrement() > 0) {
                throw new NoClassDefFoundError("sun/nio/ch/FileDispatcherImpl (simulated)");
            }
            return selector.select(onReady, ms);
        };
        try (Reactor reactor = new Reactor(failing, 512)) {
            for (int i = 0; i < 50; i++) {
                assertEquals(0, reactor.turn(1));
            }
            long errors = logged.stream().filter(r -> r.getMessage().contains("selector failed")).count();
            assertEquals(1, errors, () -> "one line per 10 s, not one per failure: " + logged.size());
            assertTrue(reactor.rebuilds() > 0, "rebuilt after failures in a row");
            Pipe pipe = Pipe.open();
            ScheduledIo io = reactor.register(pipe.source(), "test pipe");
            reactor.turn(0);
            CompletableFuture<Long> reader = blockedReader(io);
            pipe.sink().write(ByteBuffer.wrap(new byte[] {9}));
            while (!reader.isDone()) {
                reactor.turn(TimeUnit.SECONDS.toNanos(1));
            }
            assertEquals(1L, reader.get());
            io.close();
            pipe.sink().close();
        }
    }

    @Test
    void aStaleClearDoesNotEraseANewerReport() throws Exception {
        try (Reactor reactor = new Reactor()) {
            Pipe pipe = Pipe.open();
            ScheduledIo io = reactor.register(pipe.source(), "test pipe");
            reactor.turn(0);
            // an attempt that saw "would block" while a report arrived: the report wins
            AtomicInteger attempts = new AtomicInteger();
            IoOperation<Pipe.SourceChannel, ByteBuffer, Void> racing = (ch, dst, unused) -> {
                if (attempts.getAndIncrement() == 0) {
                    io.onReady(Interest.READ.ops());   // the reactor reports during the attempt
                    return IoOperation.WOULD_BLOCK;
                }
                return 5;
            };
            assertEquals(5L, IoLoop.run(io, Interest.READ, racing, ByteBuffer.allocate(1), null));
            assertEquals(2, attempts.get(), "retried at once instead of waiting for a report already seen");
            io.close();
            pipe.sink().close();
        }
    }
}
