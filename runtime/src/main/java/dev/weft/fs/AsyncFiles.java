package dev.weft.fs;

import dev.weft.Suspendable;
import dev.weft.Task;
import dev.weft.internal.scheduler.RuntimeContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * File helpers that do not hold a worker thread: each one runs the matching
 * {@link java.nio.file.Files} call on the runtime's blocking pool and suspends the calling task
 * until it returns, as Tokio's {@code tokio::fs} does. The operating system offers no portable
 * non-blocking file I/O, so a thread of the pool blocks instead of a worker.
 *
 * <pre>{@code
 * rt.blockOn(() -> {
 *     String config = AsyncFiles.readString(Path.of("app.conf"));      // suspends; the worker runs other tasks
 *     AsyncFiles.writeString(Path.of("app.conf.bak"), config);
 *     for (Path p : AsyncFiles.list(Path.of("logs"))) {
 *         AsyncFiles.copy(p, Path.of("archive").resolve(p.getFileName()));
 *     }
 *     return null;
 * });
 * }</pre>
 *
 * <h2>Who may call</h2>
 * <ul>
 *   <li>Inside a runtime (a task or {@code blockOn}): the call goes through
 *       {@link Task#spawnBlocking} and {@code join()}, so the task suspends.</li>
 *   <li>Anywhere else (a plain thread, a blocking-pool thread, a coroutine driven by hand with
 *       {@code Coroutine.blockOn}): the {@code Files} call runs directly on the calling thread.</li>
 * </ul>
 *
 * <h2>Errors and cancellation</h2>
 * Each method throws what the {@code Files} call throws, unchanged (for example
 * {@link java.nio.file.NoSuchFileException}), not wrapped in the pool's
 * {@link dev.weft.TaskFailedException}, and is not reported to the runtime's
 * {@code onTaskFailure} handler. An {@link Error} on the pool (out of memory) does reach the
 * caller as a {@code TaskFailedException}. If the calling task is aborted while the call runs, its await throws
 * {@link dev.weft.future.CancelledException} at once, but the file operation itself still runs to
 * completion on the pool (blocking work cannot be interrupted halfway through a write).
 */
public final class AsyncFiles {
    private AsyncFiles() {
    }

    /**
     * Reads a whole file, as {@link Files#readAllBytes(Path)}.
     *
     * @param path the file
     * @return its bytes
     * @throws IOException if it cannot be read
     */
    @Suspendable
    public static byte[] readAllBytes(Path path) throws IOException {
        return run(() -> Files.readAllBytes(path));
    }

    /**
     * Reads a whole file as UTF-8 text, as {@link Files#readString(Path)}.
     *
     * @param path the file
     * @return its text
     * @throws IOException if it cannot be read, or is not valid UTF-8
     *     ({@link java.nio.charset.MalformedInputException})
     */
    @Suspendable
    public static String readString(Path path) throws IOException {
        return readString(path, StandardCharsets.UTF_8);
    }

    /**
     * Reads a whole file as text, as {@link Files#readString(Path, Charset)}.
     *
     * @param path the file
     * @param charset its encoding
     * @return its text
     * @throws IOException if it cannot be read or decoded
     */
    @Suspendable
    public static String readString(Path path, Charset charset) throws IOException {
        return run(() -> Files.readString(path, charset));
    }

    /**
     * Writes bytes to a file, as {@link Files#write(Path, byte[], OpenOption...)}: by default the
     * file is created or truncated. The caller must not change {@code bytes} until this returns.
     *
     * @param path the file
     * @param bytes the content
     * @param options how to open it (none: {@code CREATE, TRUNCATE_EXISTING, WRITE})
     * @return {@code path}
     * @throws IOException if it cannot be written
     */
    @Suspendable
    public static Path write(Path path, byte[] bytes, OpenOption... options) throws IOException {
        return run(() -> Files.write(path, bytes, options));
    }

    /**
     * Writes text as UTF-8 to a file, as {@link Files#writeString(Path, CharSequence, OpenOption...)}.
     *
     * @param path the file
     * @param text the content
     * @param options how to open it (none: {@code CREATE, TRUNCATE_EXISTING, WRITE})
     * @return {@code path}
     * @throws IOException if it cannot be written
     */
    @Suspendable
    public static Path writeString(Path path, CharSequence text, OpenOption... options) throws IOException {
        return writeString(path, text, StandardCharsets.UTF_8, options);
    }

    /**
     * Writes text to a file, as {@link Files#writeString(Path, CharSequence, Charset, OpenOption...)}.
     *
     * @param path the file
     * @param text the content
     * @param charset the encoding
     * @param options how to open it (none: {@code CREATE, TRUNCATE_EXISTING, WRITE})
     * @return {@code path}
     * @throws IOException if it cannot be written, or {@code text} cannot be encoded
     */
    @Suspendable
    public static Path writeString(Path path, CharSequence text, Charset charset, OpenOption... options)
            throws IOException {
        // a CharSequence may be mutable (a StringBuilder): take the text now, on the caller's thread
        String snapshot = text.toString();
        return run(() -> Files.writeString(path, snapshot, charset, options));
    }

    /**
     * Copies a file, as {@link Files#copy(Path, Path, CopyOption...)}.
     *
     * @param source the file to copy
     * @param target where to copy it
     * @param options e.g. {@link java.nio.file.StandardCopyOption#REPLACE_EXISTING}
     * @return {@code target}
     * @throws IOException if it cannot be copied ({@link java.nio.file.FileAlreadyExistsException}
     *     if {@code target} exists and {@code REPLACE_EXISTING} was not given)
     */
    @Suspendable
    public static Path copy(Path source, Path target, CopyOption... options) throws IOException {
        return run(() -> Files.copy(source, target, options));
    }

    /**
     * Lists a directory's entries (not recursively), as {@link Files#list(Path)}, but read
     * eagerly: the whole listing is collected on the pool and returned as a list, so there is no
     * stream to close and no directory handle held while the task is suspended.
     *
     * @param dir the directory
     * @return its entries, each resolved against {@code dir}, in the order the file system gives them
     * @throws IOException if it cannot be read ({@link java.nio.file.NotDirectoryException} if it
     *     is not a directory)
     */
    @Suspendable
    public static List<Path> list(Path dir) throws IOException {
        return run(() -> {
            try (Stream<Path> entries = Files.list(dir)) {
                return entries.collect(Collectors.toUnmodifiableList());
            } catch (UncheckedIOException e) {
                // the stream reports an error of a later directory read this way
                throw e.getCause();
            }
        });
    }

    /** A blocking file call; narrows {@link Callable}'s {@code throws Exception} to I/O. */
    @FunctionalInterface
    private interface IoCall<T> extends Callable<T> {
        @Override
        T call() throws IOException;
    }

    /**
     * What a call on the pool returned or threw. The pool task itself never fails: a failed
     * blocking task would also be reported to the runtime's {@code onTaskFailure} handler (a
     * logged warning by default), and a missing file is the caller's business, not the runtime's.
     */
    private record Outcome<T>(T value, Throwable failure) {
    }

    @Suspendable
    private static <T> T run(IoCall<T> call) throws IOException {
        if (RuntimeContext.current() == null) {
            return call.call();
        }
        Outcome<T> o = Task.spawnBlocking(() -> {
            try {
                return new Outcome<>(call.call(), null);
            } catch (IOException | RuntimeException e) {
                return new Outcome<T>(null, e);
            }
        }).join();
        Throwable f = o.failure();
        if (f == null) {
            return o.value();
        }
        if (f instanceof IOException io) {
            throw io;
        }
        throw (RuntimeException) f;
    }
}
