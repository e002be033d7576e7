package dev.weft.sync;

/**
 * Thrown by {@link Semaphore#acquire(int)} (and by waiters already queued) once the semaphore
 * was closed with {@link Semaphore#close()}.
 *
 * <pre>{@code
 * sem.close();
 * try {
 *     sem.acquire(1);
 * } catch (SemaphoreClosedException e) {
 *     // no more permits will be handed out
 * }
 * }</pre>
 */
public class SemaphoreClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public SemaphoreClosedException() {
        super("the semaphore was closed; no more permits can be acquired");
    }
}
