package dev.weft.diagnostics;

import java.util.List;

/**
 * One live task of a task dump.
 *
 *
 * <pre>{@code
 * for (TaskInfo t : rt.dumpTasks()) {
 *     System.out.println(t);
 * }
 * }</pre>
 * @param id the task's id, unique in this JVM
 * @param name the name it was spawned with, or a description of what it runs
 * @param state {@code IDLE} (suspended, waiting for a wake), {@code SCHEDULED} (woken, in a run
 *     queue), {@code RUNNING} (being polled now), or either of the last two with
 *     {@code CANCELLING} when it was aborted and has not unwound yet
 * @param stack the logical stack of a suspended coroutine: the frames that will be re-entered
 *     on resume, innermost first, each with the line it suspended at; empty while it runs, for
 *     a task that was not polled yet, and for a hand-written future
 */
public record TaskInfo(long id, String name, String state, List<StackTraceElement> stack) {
    /** @param id id @param name name @param state state @param stack stack, copied */
    public TaskInfo {
        stack = List.copyOf(stack);
    }

    /** @return the task like a thread in a thread dump: a header line, then one line per frame */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        b.append("task-").append(id).append(" \"").append(name).append("\" ").append(state);
        for (StackTraceElement e : stack) {
            b.append("\n\tat ").append(e);
        }
        return b.toString();
    }
}
