package dev.weft.internal.jfr;

/**
 * The stack of a spawn as the user sees it: the calling thread's frames without the leading ones
 * that belong to the runtime itself ({@code Task.spawn}, {@code WeftRuntime.spawn}, the
 * scheduler, this class). The runtime's frames are those of classes directly in {@code dev.weft}
 * (the API entry points) or under {@code dev.weft.internal}; user code in other
 * {@code dev.weft.*} packages (examples, tests) is kept. Only read while a recording wants
 * {@code dev.weft.TaskSpawned}; the walk is by name, without class references, and stops after
 * {@link #MAX_FRAMES}.
 */
final class SpawnSite {
    private static final int MAX_FRAMES = 64;
    private static final StackWalker WALKER = StackWalker.getInstance();

    private SpawnSite() {
    }

    /** @return the caller's frames, innermost first, starting at the first frame outside the runtime */
    static StackTraceElement[] frames() {
        return WALKER.walk(s -> s
                .dropWhile(f -> isRuntime(f.getClassName()))
                .limit(MAX_FRAMES)
                .map(StackWalker.StackFrame::toStackTraceElement)
                .toArray(StackTraceElement[]::new));
    }

    static boolean isRuntime(String className) {
        if (!className.startsWith("dev.weft.")) {
            return false;
        }
        return className.indexOf('.', "dev.weft.".length()) < 0 || className.startsWith("dev.weft.internal.");
    }
}
