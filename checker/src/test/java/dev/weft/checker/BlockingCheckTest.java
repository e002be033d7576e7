package dev.weft.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BlockingCheckTest {
    private static final String SOURCE = """
            import dev.weft.AsyncCallable;
            import dev.weft.Suspendable;
            import dev.weft.Task;
            import java.io.FileInputStream;
            import java.net.Socket;
            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.CountDownLatch;
            import java.util.concurrent.Future;
            import java.util.concurrent.locks.ReentrantLock;

            class Blocks {
                @Suspendable
                String everything(Path p, CompletableFuture<String> cf, Future<String> f, CountDownLatch latch,
                                  ReentrantLock lock, Thread t, Object monitor) throws Exception {
                    Thread.sleep(10);                                         // WARNING [weft-blocking]
                    t.join();                                                 // WARNING [weft-blocking]
                    synchronized (monitor) { monitor.wait(); }                // WARNING [weft-blocking]
                    f.get();                                                  // WARNING [weft-blocking]
                    cf.join();                                                // WARNING [weft-blocking]
                    latch.await();                                            // WARNING [weft-blocking]
                    lock.lock();                                              // WARNING [weft-blocking]
                    lock.unlock();
                    try (FileInputStream in = new FileInputStream(p.toFile())) { // WARNING [weft-blocking]
                        in.read();                                            // WARNING [weft-blocking]
                    }
                    new Socket("localhost", 1).getInputStream();              // WARNING [weft-blocking] // WARNING [weft-blocking]
                    return Files.readString(p);                               // WARNING [weft-blocking]
                }

                @Suspendable
                String offloaded(Path p) {
                    return Task.spawnBlocking(() -> Files.readString(p)).join();  // a Callable: runs on the blocking pool
                }

                void plain(Path p) throws Exception {
                    Thread.sleep(10);
                    Files.readString(p);
                }

                AsyncCallable<String> lambda(Path p) {
                    return () -> Files.readString(p);                         // WARNING [weft-blocking]
                }

                @Suspendable
                @SuppressWarnings("weft-blocking") // shows the stall on purpose
                void suppressed() throws InterruptedException {
                    Thread.sleep(10);
                }
            }
            """;

    @Test
    void reportsEachBlockingCallInSuspendableCodeWithItsAlternative() {
        Compilation c = Compilation.of("Weft", SOURCE);
        assertEquals(List.of(), c.others());
        assertEquals(Compilation.expected(SOURCE), c.summary());
        assertEquals("[weft-blocking] Thread.sleep(long) blocks its thread inside the suspendable method Blocks.everything(Path,"
                + " CompletableFuture, Future, CountDownLatch, ReentrantLock, Thread, Object), so the worker runs no other"
                + " task until it returns. Use dev.weft.time.Time.sleep(Duration), which suspends; if blocking here is"
                + " intended, add @SuppressWarnings(\"weft-blocking\").", c.messageAt(17));
        assertUses(c, 18, "Thread.join()", "Task.spawn for the work and join() on its JoinHandle");
        assertUses(c, 19, "Object.wait()", "dev.weft.sync.Notify");
        assertUses(c, 20, "Future.get()", "Async.await(future) if it is a CompletionStage, else Task.spawnBlocking(future::get)");
        assertUses(c, 21, "CompletableFuture.join()", "Async.await(future)");
        assertUses(c, 22, "CountDownLatch.await()", "dev.weft.sync.Barrier");
        assertUses(c, 23, "ReentrantLock.lock()", "dev.weft.sync.Mutex");
        assertUses(c, 25, "new FileInputStream(File)", "dev.weft.fs.AsyncFiles");
        assertUses(c, 26, "FileInputStream.read()", "dev.weft.fs.AsyncFiles");
        assertUses(c, 29, "Files.readString(Path)", "dev.weft.fs.AsyncFiles (readAllBytes");
        assertTrue(c.messageAt(43).contains("inside the suspendable lambda implementing AsyncCallable.call()"), c.messageAt(43));
    }

    private static void assertUses(Compilation c, long line, String call, String alternative) {
        String m = c.messageAt(line);
        assertTrue(m.startsWith("[weft-blocking] " + call + " blocks its thread") && m.contains("Use " + alternative), m);
    }
}
