package dev.weft.checker;

import com.sun.source.util.JavacTask;
import com.sun.source.util.Plugin;

/**
 * The Weft checker: a javac plug-in that reports, at compile time, the mistakes the Weft agent
 * would otherwise find at load time (a suspension point inside {@code synchronized}) or that only
 * show at run time (a call that pins its coroutine, a blocking call on a worker thread, an
 * override that callers cannot suspend through).
 *
 * <p>Enable it with {@code -Xplugin:Weft} (or {@code -Xplugin:"Weft strict"}) and the checker jar
 * on the compiler's class path or processor path:
 *
 * <pre>{@code
 * javac -cp weft-runtime.jar:weft-checker.jar -Xplugin:Weft App.java
 * }</pre>
 *
 * <p>It reads the attributed trees of each class once javac has analyzed it (after flow
 * analysis, before lowering), identifies {@code dev.weft.Suspendable} and {@code dev.weft.Async}
 * by name, and needs nothing on the class path besides the runtime's own classes. The rules are
 * the agent's: see {@link Coloring}.
 */
public final class WeftPlugin implements Plugin {
    /** The name after {@code -Xplugin:}. */
    public static final String NAME = "Weft";

    /** Creates the plug-in; javac does this through {@link java.util.ServiceLoader}. */
    public WeftPlugin() {
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public void init(JavacTask task, String... args) {
        task.addTaskListener(new AnalyzeListener(task, CheckerOptions.parse(args)));
    }
}
