package dev.weft.internal.jfr;

import java.util.Iterator;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The stack of a spawn as the user sees it: the calling thread's frames without the leading ones
 * that belong to the runtime itself ({@code Task.spawn}, {@code WeftRuntime.spawn}, the
 * runtime core, this class). The runtime's frames are those of classes directly in {@code dev.weft}
 * (the API entry points) or under {@code dev.weft.internal}; user code in other
 * {@code dev.weft.*} packages (examples, tests) is kept. Only read while a recording wants
 * {@code dev.weft.TaskSpawned}, and it runs per spawn: the walk is by name, without class
 * references or {@code StackTraceElement}s (whose formatting looks up modules and loaders), and
 * stops after {@link #MAX_FRAMES} frames.
 */
final class SpawnSite {
    /** The spawn site and three callers. */
    private static final int MAX_FRAMES = 4;
    private static final StackWalker WALKER = StackWalker.getInstance();
    private static final Function<Stream<StackWalker.StackFrame>, String> USER_FRAMES = SpawnSite::userFrames;

    private SpawnSite() {
    }

    /**
     * @return the caller's frames as {@code class.method(File.java:line)}, one per line, innermost
     *     first, starting at the first frame outside the runtime
     */
    static String describe() {
        return WALKER.walk(USER_FRAMES);
    }

    private static String userFrames(Stream<StackWalker.StackFrame> frames) {
        StringBuilder b = new StringBuilder(256);
        int n = 0;
        for (Iterator<StackWalker.StackFrame> it = frames.iterator(); it.hasNext() && n < MAX_FRAMES; ) {
            StackWalker.StackFrame f = it.next();
            if (n == 0 && isRuntime(f.getClassName())) {
                continue;
            }
            if (n++ > 0) {
                b.append('\n');
            }
            b.append(f.getClassName()).append('.').append(f.getMethodName()).append('(')
                    .append(f.getFileName() == null ? "Unknown Source" : f.getFileName());
            if (f.getLineNumber() >= 0) {
                b.append(':').append(f.getLineNumber());
            }
            b.append(')');
        }
        return b.toString();
    }

    static boolean isRuntime(String className) {
        if (!className.startsWith("dev.weft.")) {
            return false;
        }
        return className.indexOf('.', "dev.weft.".length()) < 0 || className.startsWith("dev.weft.internal.");
    }
}
