package dev.weft.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/**
 * One live task of a task dump. A dump writes one event per live task, all with the same
 * {@code dumpId}: on request (the API or the JMX operation), and at the end of every chunk while
 * a recording enables it, so a recording of a hung program ends with what every task awaited.
 */
@Name(TaskDumpEvent.NAME)
@Category("Weft")
@Label("Task Dump")
@Description("One live task of a Weft task dump: id, state, name and logical stack")
@StackTrace(false)
@Period("endChunk")
public final class TaskDumpEvent extends Event {
    /** The event's name in recordings. */
    public static final String NAME = "dev.weft.TaskDump";
    private static final TaskDumpEvent PROBE = new TaskDumpEvent();

    @Label("Dump Id")
    @Description("Shared by the events of one dump")
    long dumpId;

    @Label("Runtime")
    String runtime;

    @Label("Task Id")
    long taskId;

    @Label("Task Name")
    String taskName;

    @Label("State")
    String state;

    @Label("Logical Stack")
    @Description("The suspended frames, innermost first (class.method(file:line)), one per line")
    String stack;

    /** @return true if a recording wants this event; allocates nothing */
    static boolean enabled() {
        return PROBE.isEnabled();
    }
}
