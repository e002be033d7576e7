package dev.weft;

/**
 * Thrown by {@link JoinHandle#join()} (and {@link JoinSet#joinNext()}) when the task ended by
 * throwing; the task's exception is the {@linkplain #getCause() cause}, unchanged. Also what a
 * runtime's {@code onTaskFailure} handler receives.
 *
 * <pre>{@code
 * try {
 *     handle.join();
 * } catch (TaskFailedException e) {
 *     Throwable original = e.getCause();
 * }
 * }</pre>
 */
public class TaskFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long taskId;

    /**
     * @param taskId the id of the task that failed
     * @param cause what it threw
     */
    public TaskFailedException(long taskId, Throwable cause) {
        // no stack trace of its own: the cause's says where the task failed
        super("task " + taskId + " failed: " + cause, cause, true, false);
        this.taskId = taskId;
    }

    /** @return the id of the task that failed */
    public long taskId() {
        return taskId;
    }
}
