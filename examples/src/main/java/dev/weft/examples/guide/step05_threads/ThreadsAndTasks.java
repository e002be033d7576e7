package dev.weft.examples.guide.step05_threads;

import dev.weft.Coroutine;
import dev.weft.JoinHandle;
import dev.weft.Task;
import dev.weft.TaskLocal;
import dev.weft.WeftRuntime;
import dev.weft.sync.Notify;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Guide step 5: a task is not tied to a thread. A {@link ThreadLocal} stays behind when the task
 * resumes elsewhere (a {@link TaskLocal} follows it), and a monitor cannot be held across an
 * await (the agent refuses such a method; calling it throws {@link LinkageError}).
 *
 * <p>To make the move visible and repeatable, the task runs on a current-thread runtime that two
 * plain threads enter one after the other: the task suspends under the first and resumes under
 * the second. On a multi-thread runtime the same happens whenever another worker picks the task.
 *
 * <pre>
 * java -javaagent:agent/target/weft-agent-0.1.0-SNAPSHOT.jar \
 *      -cp runtime/target/classes:examples/target/classes dev.weft.examples.guide.step05_threads.ThreadsAndTasks
 * </pre>
 */
public final class ThreadsAndTasks {
    static final ThreadLocal<String> THREAD_REQUEST = new ThreadLocal<>();
    static final TaskLocal<String> TASK_REQUEST = TaskLocal.withInitial(() -> "none");

    private final PrintStream out;

    ThreadsAndTasks(PrintStream out) {
        this.out = out;
    }

    private void report(String when) {
        out.println("  " + when + " on " + Thread.currentThread().getName()
                + ": ThreadLocal=" + THREAD_REQUEST.get() + ", TaskLocal=" + TASK_REQUEST.get());
    }

    /** Runs {@code body} on a new thread with this name and waits for it. */
    private static void onThread(String name, ThrowingRunnable body) throws Exception {
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Exception e) {
                failure.set(e);
            }
        }, name);
        t.start();
        t.join();
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    void run() throws Exception {
        out.println("a task that suspends on one thread and resumes on another:");
        Notify go = new Notify();
        List<JoinHandle<Void>> task = new ArrayList<>();
        try (WeftRuntime rt = WeftRuntime.currentThread().build()) {
            onThread("thread-1", () -> rt.blockOn(() -> {
                task.add(Task.spawn(() -> {
                    THREAD_REQUEST.set("r-42");
                    TASK_REQUEST.set("r-42");
                    report("before the await");
                    go.await();                      // suspends; thread-1 leaves the runtime
                    report("after the await ");
                    return null;
                }));
                Task.yieldNow();                     // let the task run up to its await
                return null;
            }));
            onThread("thread-2", () -> rt.blockOn(() -> {
                go.notifyOne();
                return task.get(0).join();           // the task resumes here, on thread-2
            }));
        }

        out.println("a monitor held across an await:");
        try {
            Coroutine.blockOn(() -> new SynchronizedCounter().addSlowly(1));
        } catch (LinkageError e) {
            out.println("  LinkageError: " + e.getMessage());
        }
        MutexCounter counter = new MutexCounter();
        int total = Coroutine.blockOn(() -> {
            counter.addSlowly(1);
            return counter.addSlowly(2);
        });
        out.println("  with dev.weft.sync.Mutex instead: count=" + total);
    }

    /**
     * Runs the example.
     *
     * @param args unused
     * @throws Exception if it fails
     */
    public static void main(String[] args) throws Exception {
        new ThreadsAndTasks(System.out).run();
    }
}
