package dev.weft.internal.jfr;

/**
 * What an event or a blocked-worker warning says of a task: its id and name (and, for the
 * warning, its {@code toString}). Tasks implement it, so this package needs nothing of theirs.
 */
public interface TracedTask {
    /** @return the task's id, unique in this JVM */
    long id();

    /** @return the task's name; may be computed, so read only when an event is written */
    String name();
}
