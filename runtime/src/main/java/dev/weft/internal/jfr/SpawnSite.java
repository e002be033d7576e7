package dev.weft.internal.jfr;

import java.security.ProtectionDomain;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The stack of a spawn as the user sees it: the calling thread's frames without the leading ones
 * that belong to the runtime itself ({@code Task.spawn}, the scheduler, this class). A frame is the
 * runtime's when its class comes from the runtime's own code source, so user code in a
 * {@code dev.weft.*} package of another jar (examples, tests) is kept. Only read while a recording
 * wants {@code dev.weft.TaskSpawned}.
 */
final class SpawnSite {
    private static final ProtectionDomain RUNTIME = SpawnSite.class.getProtectionDomain();
    private static final int MAX_FRAMES = 64;
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private SpawnSite() {
    }

    /** @return the caller's frames, innermost first, starting at the first frame outside the runtime */
    static StackTraceElement[] frames() {
        List<StackTraceElement> frames = WALKER.walk(s -> s
                .dropWhile(f -> f.getDeclaringClass().getProtectionDomain() == RUNTIME)
                .limit(MAX_FRAMES)
                .map(StackWalker.StackFrame::toStackTraceElement)
                .collect(Collectors.toList()));
        return frames.toArray(new StackTraceElement[0]);
    }
}
