package dev.weft.checker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The blocking calls the checker reports inside suspendable code, and their asynchronous
 * alternatives: the one list, rendered into docs/USING.md by {@link #markdownTable()} (a test
 * checks the two agree).
 *
 * <p>A row matches a call if the method has one of the row's names and its declaring type or the
 * call's receiver type is the row's type or a subtype ({@code ReentrantLock.lock} is
 * {@code Lock.lock}, {@code CoroutineFuture.get} is {@code CompletableFuture.get}). The first row
 * that matches wins, so more specific types come first.
 */
final class BlockingCalls {
    private static final String FILE_IO = "`dev.weft.fs.AsyncFiles`, or the file work inside `Task.spawnBlocking`";
    private static final String HTTP = "`Async.await(httpClient.sendAsync(request, handler))` (`java.net.http`)";

    /** The table. Order matters: the first matching row names the alternative. */
    static final List<BlockingCall> TABLE = List.of(
            BlockingCall.of("java.lang.Thread", "sleep", "`dev.weft.time.Time.sleep(Duration)`, which suspends"),
            BlockingCall.of("java.lang.Thread", "join", "`Task.spawn` for the work and `join()` on its `JoinHandle`, which suspends"),
            BlockingCall.of("java.lang.Object", "wait", "`dev.weft.sync.Notify` (`notify.await()`)"),
            BlockingCall.of("java.lang.Process", "waitFor", "`Async.await(process.onExit())`"),
            BlockingCall.of("java.util.concurrent.CompletableFuture", "get join", "`Async.await(future)`"),
            BlockingCall.of("java.util.concurrent.Future", "get",
                    "`Async.await(future)` if it is a `CompletionStage`, else `Task.spawnBlocking(future::get)`"),
            BlockingCall.of("java.util.concurrent.CountDownLatch", "await", "`dev.weft.sync.Barrier` or `dev.weft.sync.Notify`"),
            BlockingCall.of("java.util.concurrent.CyclicBarrier", "await", "`dev.weft.sync.Barrier`"),
            BlockingCall.of("java.util.concurrent.Semaphore", "acquire acquireUninterruptibly", "`dev.weft.sync.Semaphore`"),
            BlockingCall.of("java.util.concurrent.BlockingQueue", "put take", "a `dev.weft.sync.mpsc` channel"),
            BlockingCall.of("java.util.concurrent.locks.Lock", "lock lockInterruptibly",
                    "`dev.weft.sync.Mutex` (its guard may be held across awaits)"),
            BlockingCall.of("java.util.concurrent.locks.Condition", "await awaitUninterruptibly awaitNanos awaitUntil",
                    "`dev.weft.sync.Notify`"),
            BlockingCall.of("java.nio.file.Files", BlockingCall.ALL,
                    "`dev.weft.fs.AsyncFiles` (`readAllBytes`, `readString`, `write`, `writeString`, `copy`, `list`), else `Task.spawnBlocking`"),
            BlockingCall.of("java.io.FileInputStream", "new read readAllBytes readNBytes skip transferTo", FILE_IO),
            BlockingCall.of("java.io.FileOutputStream", "new write flush", FILE_IO),
            BlockingCall.of("java.io.FileReader", "new read transferTo", FILE_IO),
            BlockingCall.of("java.io.FileWriter", "new write append flush", FILE_IO),
            BlockingCall.of("java.io.RandomAccessFile", "new read readFully readLine write", FILE_IO),
            BlockingCall.of("java.net.Socket", "new connect getInputStream getOutputStream",
                    "`dev.weft.net.TcpStream` (`connect`, `read`, `writeAll`)"),
            BlockingCall.of("java.net.ServerSocket", "accept", "`dev.weft.net.TcpListener.accept()`"),
            BlockingCall.of("java.net.DatagramSocket", "receive send", "`dev.weft.net.UdpSocket`"),
            BlockingCall.of("java.net.URL", "openStream", HTTP),
            BlockingCall.of("java.net.URLConnection", "connect getInputStream getOutputStream getContent", HTTP),
            BlockingCall.of("java.net.http.HttpClient", "send", "`Async.await(client.sendAsync(request, handler))`"));

    private final Elements elements;
    private final Types types;
    /** Erasure of each row's type; absent where this compilation cannot see that type. */
    private final Map<String, Optional<TypeMirror>> owners = new HashMap<>();

    BlockingCalls(Elements elements, Types types) {
        this.elements = elements;
        this.types = types;
    }

    /**
     * @param callee the method or constructor called
     * @param receiver the static type of the call's receiver, or null for an unqualified call
     * @return the row the call matches, if any
     */
    Optional<BlockingCall> match(ExecutableElement callee, TypeMirror receiver) {
        TypeElement declaring = Coloring.owner(callee);
        if (declaring == null) {
            return Optional.empty();
        }
        boolean constructor = callee.getKind() == ElementKind.CONSTRUCTOR;
        String name = callee.getSimpleName().toString();
        for (BlockingCall row : TABLE) {
            boolean named = constructor ? row.methods().contains(BlockingCall.CONSTRUCTORS)
                    : row.methods().contains(name) || row.methods().contains(BlockingCall.ALL);
            if (named && (isA(declaring.asType(), row) || (!constructor && isA(receiver, row)))) {
                return Optional.of(row);
            }
        }
        return Optional.empty();
    }

    private boolean isA(TypeMirror type, BlockingCall row) {
        if (type == null || type.getKind() != TypeKind.DECLARED) {
            return false;
        }
        Optional<TypeMirror> owner = owners.computeIfAbsent(row.owner(), n -> {
            TypeElement e = elements.getTypeElement(n);
            return e == null ? Optional.empty() : Optional.of(types.erasure(e.asType()));
        });
        return owner.isPresent() && types.isSubtype(types.erasure(type), owner.get());
    }

    /** @return {@link #TABLE} as the Markdown table docs/USING.md shows */
    static String markdownTable() {
        List<String> lines = new ArrayList<>();
        lines.add("| blocking call (and its subtypes) | methods | use instead |");
        lines.add("|---|---|---|");
        for (BlockingCall row : TABLE) {
            List<String> names = new ArrayList<>();
            for (String m : row.methods()) {
                names.add(m.equals(BlockingCall.CONSTRUCTORS) ? "constructors"
                        : m.equals(BlockingCall.ALL) ? "every method" : "`" + m + "`");
            }
            lines.add("| `" + row.owner() + "` | " + String.join(", ", names) + " | " + row.alternative() + " |");
        }
        return String.join("\n", lines) + "\n";
    }
}
