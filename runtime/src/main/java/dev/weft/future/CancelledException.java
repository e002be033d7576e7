package dev.weft.future;

import java.util.concurrent.CancellationException;

/**
 * Thrown at the next await point of a coroutine or task that was cancelled (for example by
 * {@code JoinHandle.abort()}, a losing {@code select} branch or a timeout), so that its
 * {@code finally} blocks and try-with-resources run as the stack unwinds; also thrown by
 * {@code join()} on a task that was cancelled.
 *
 * <p>It extends {@link CancellationException}, so code written against
 * {@code java.util.concurrent} recognises it.
 *
 * <pre>{@code
 * JoinHandle<String> h = Task.spawn(() -> { Time.sleep(Duration.ofHours(1)); return "late"; });
 * h.abort();
 * try {
 *     h.join();
 * } catch (CancelledException e) {
 *     // the task was aborted; its finally blocks ran
 * }
 * }</pre>
 */
public class CancelledException extends CancellationException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with the default message. */
    public CancelledException() {
        super("the coroutine was cancelled");
    }

    /**
     * Creates the exception with a message that says what was cancelled.
     *
     * @param message the detail message
     */
    public CancelledException(String message) {
        super(message);
    }
}
