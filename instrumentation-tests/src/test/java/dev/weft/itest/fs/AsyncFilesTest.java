package dev.weft.itest.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.JoinHandle;
import dev.weft.Task;
import dev.weft.WeftRuntime;
import dev.weft.fs.AsyncFiles;
import dev.weft.time.Time;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link AsyncFiles} inside both runtime flavours, and on a plain thread. */
class AsyncFilesTest {
    @TempDir
    Path dir;

    static WeftRuntime runtime(String flavor) {
        return runtime(flavor, new AtomicInteger());
    }

    static WeftRuntime runtime(String flavor, AtomicInteger failedTasks) {
        WeftRuntime.Builder b = flavor.equals("current") ? WeftRuntime.currentThread()
                : WeftRuntime.multiThread().workerThreads(1).maxBlockingThreads(4);
        return b.onTaskFailure(e -> failedTasks.incrementAndGet()).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"multi", "current"})
    void writeReadCopyAndListInsideARuntime(String flavor) throws Exception {
        byte[] bytes = new byte[100_000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        try (WeftRuntime rt = runtime(flavor)) {
            List<String> got = rt.blockOn(() -> {
                Path a = AsyncFiles.write(dir.resolve("a.bin"), bytes);
                Path t = AsyncFiles.writeString(dir.resolve("t.txt"), new StringBuilder("grüße, "));
                AsyncFiles.writeString(t, "weft", StandardOpenOption.APPEND);
                Path c = AsyncFiles.copy(a, dir.resolve("c.bin"));
                assertArrayEquals(bytes, AsyncFiles.readAllBytes(c));
                List<String> out = new ArrayList<>();
                out.add(AsyncFiles.readString(t));
                out.add(AsyncFiles.readString(t, StandardCharsets.ISO_8859_1));
                for (Path p : AsyncFiles.list(dir)) {
                    out.add(p.getFileName().toString());
                }
                return out;
            });
            assertEquals("grüße, weft", got.get(0));
            assertEquals(new String("grüße, weft".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1), got.get(1));
            assertEquals(List.of("a.bin", "c.bin", "t.txt"), got.subList(2, got.size()).stream().sorted().toList());
            assertArrayEquals(bytes, Files.readAllBytes(dir.resolve("a.bin")));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"multi", "current"})
    void errorsComeBackAsTheFilesCallThrewThem(String flavor) throws Exception {
        Path missing = dir.resolve("missing");
        Path file = Files.writeString(dir.resolve("f"), "x");
        Path other = Files.writeString(dir.resolve("g"), "y");
        AtomicInteger failedTasks = new AtomicInteger();
        try (WeftRuntime rt = runtime(flavor, failedTasks)) {
            NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> rt.blockOn(() -> AsyncFiles.readAllBytes(missing)));
            assertEquals(missing.toString(), e.getFile());
            assertThrows(NoSuchFileException.class, () -> rt.blockOn(() -> AsyncFiles.readString(missing)));
            assertThrows(FileAlreadyExistsException.class, () -> rt.blockOn(() -> AsyncFiles.copy(file, other)));
            assertThrows(NotDirectoryException.class, () -> rt.blockOn(() -> AsyncFiles.list(file)));
            // the same calls from a spawned task, whose failure join() wraps once
            assertThrows(NoSuchFileException.class, () -> rt.blockOn(() -> {
                JoinHandle<byte[]> h = Task.spawn(() -> AsyncFiles.readAllBytes(missing));
                try {
                    return h.join();
                } catch (dev.weft.TaskFailedException f) {
                    throw (Exception) f.getCause();
                }
            }));
            rt.blockOn(() -> AsyncFiles.copy(file, other, StandardCopyOption.REPLACE_EXISTING));
            assertEquals("x", Files.readString(other));
            // only the spawned task above failed; the pool tasks behind AsyncFiles never do
            assertEquals(1, failedTasks.get());
        }
    }

    @Test
    void outsideARuntimeTheCallRunsOnTheCallingThread() throws Exception {
        Path p = AsyncFiles.writeString(dir.resolve("plain.txt"), "plain");
        assertEquals("plain", AsyncFiles.readString(p));
        assertEquals(List.of(p), AsyncFiles.list(dir));
        assertThrows(NoSuchFileException.class, () -> AsyncFiles.readAllBytes(dir.resolve("nope")));
    }

    /**
     * Reading a FIFO blocks until a writer opens it. With a single worker, a task blocked in
     * {@code readAllBytes} on the pool must leave the worker to the others: another task sleeps,
     * finishes, and then writes the FIFO, which unblocks the read.
     */
    @ParameterizedTest
    @ValueSource(strings = {"multi", "current"})
    void aBlockedReadDoesNotHoldTheWorker(String flavor) throws Exception {
        Path fifo = dir.resolve("fifo");
        assumeTrue(mkfifo(fifo), "mkfifo is not available here");
        try (WeftRuntime rt = runtime(flavor)) {
            AtomicBoolean readerDone = new AtomicBoolean();
            String got = rt.blockOn(() -> {
                JoinHandle<String> reader = Task.spawn(() -> {
                    String s = new String(AsyncFiles.readAllBytes(fifo), StandardCharsets.UTF_8);
                    readerDone.set(true);
                    return s;
                });
                JoinHandle<Boolean> other = Task.spawn(() -> {
                    for (int i = 0; i < 5; i++) {
                        Time.sleep(Duration.ofMillis(10));
                    }
                    return readerDone.get();
                });
                assertFalse(other.join(), "the reader cannot finish before anyone writes the FIFO");
                AsyncFiles.writeString(fifo, "through the pipe");
                return reader.join();
            });
            assertEquals("through the pipe", got);
        }
    }

    static boolean mkfifo(Path p) {
        try {
            Process proc = new ProcessBuilder("mkfifo", p.toString()).redirectErrorStream(true).start();
            return proc.waitFor(10, TimeUnit.SECONDS) && proc.exitValue() == 0 && Files.exists(p);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
