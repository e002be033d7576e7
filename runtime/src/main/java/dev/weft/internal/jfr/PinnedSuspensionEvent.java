package dev.weft.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * An await had to block its thread instead of suspending, because a frame that is not
 * instrumented stood between it and the coroutine's root (the analogue of
 * {@code jdk.VirtualThreadPinned}). The event's stack trace is the pinned thread's, so the
 * uninstrumented frame is on it.
 */
@Name(PinnedSuspensionEvent.NAME)
@Category("Weft")
@Label("Pinned Suspension")
@Description("An await blocked its thread because an uninstrumented frame was in the way")
@StackTrace(true)
public final class PinnedSuspensionEvent extends Event {
    /** The event's name in recordings. */
    public static final String NAME = "dev.weft.PinnedSuspension";
    private static final PinnedSuspensionEvent PROBE = new PinnedSuspensionEvent();

    @Label("Culprit")
    @Description("Which call could not suspend")
    String culprit;

    @Label("Task Id")
    @Description("The task being polled, or 0 outside a task")
    long taskId;

    @Label("Stack")
    @Description("The pinned thread's stack, innermost first (also the event's stack trace)")
    String stack;

    /** @return true if a recording wants this event; allocates nothing */
    static boolean enabled() {
        return PROBE.isEnabled();
    }
}
