package dev.weft.internal.dump;

import dev.weft.diagnostics.TaskInfo;
import dev.weft.internal.task.TaskCell;
import dev.weft.internal.task.TaskState;
import dev.weft.internal.task.Unwindable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Builds a task dump: every live task with its id, name, state and logical stack.
 *
 * <h2>Consistency</h2>
 * The dump reads tasks that other threads run. A task's stack is read only when its state word
 * (a volatile read) says it is not being polled, and read again afterwards: the frames were
 * written before the state left {@code RUNNING}, so they are complete, unless a poll started in
 * between, in which case the state has changed and the stack is left empty. It is a best-effort
 * picture, like a thread dump, not a stop-the-world snapshot.
 */
public final class TaskDumps {
    private TaskDumps() {
    }

    /**
     * @param live the live tasks
     * @return their dump entries, ordered by task id
     */
    public static List<TaskInfo> of(List<TaskCell<?>> live) {
        List<TaskInfo> out = new ArrayList<>(live.size());
        for (TaskCell<?> t : live) {
            int before = t.state().load();
            if ((before & TaskState.COMPLETE) != 0) {
                continue;
            }
            List<StackTraceElement> stack = Collections.emptyList();
            Object f = t.future();
            if ((before & TaskState.RUNNING) == 0 && f instanceof Unwindable) {
                try {
                    stack = ((Unwindable<?>) f).suspendedStack();
                } catch (RuntimeException raced) {
                    stack = Collections.emptyList();
                }
                if (t.state().load() != before) {
                    stack = Collections.emptyList();
                }
            }
            out.add(new TaskInfo(t.id(), t.name(), stateName(before), stack));
        }
        out.sort((a, b) -> Long.compare(a.id(), b.id()));
        return out;
    }

    /** @return the dump as text: one block per task, like a thread dump */
    public static String format(String runtime, List<TaskInfo> tasks) {
        StringBuilder b = new StringBuilder();
        b.append("Weft task dump of ").append(runtime).append(": ").append(tasks.size()).append(" live task(s)\n");
        for (TaskInfo t : tasks) {
            b.append('\n').append(t).append('\n');
        }
        return b.toString();
    }

    static String stateName(int s) {
        String base;
        if ((s & TaskState.RUNNING) != 0) {
            base = "RUNNING";
        } else if ((s & TaskState.NOTIFIED) != 0) {
            base = "SCHEDULED";
        } else {
            base = "IDLE";
        }
        return (s & TaskState.CANCELLED) != 0 ? base + " CANCELLING" : base;
    }
}
