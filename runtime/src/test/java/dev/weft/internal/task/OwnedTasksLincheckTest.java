package dev.weft.internal.task;

import dev.weft.future.Poll;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

/**
 * Model checks {@link OwnedTasks}: binds and removes from three threads beside the counts and
 * snapshots that walk the shards, four tasks in a registry of one shard, so every operation
 * meets the same list. After each run the list must be whole: every link mirrored, the count
 * equal to the tasks listed, every task listed at most once. A lock taken by a read and a write
 * instead of one CAS loses a link or a count here.
 *
 * <p>The operations return nothing to compare with a sequential model: a task is bound at most
 * once, as a spawn binds it, and the claim that ensures it is not part of the registry, so a
 * bind racing another for the same task has no linearizable answer; what the registry must
 * keep under any interleaving is its shape, which {@link #wholeList()} checks.
 */
@Param(name = "i", gen = IntGen.class, conf = "0:3")
public class OwnedTasksLincheckTest {
    private final OwnedTasks owned = new OwnedTasks(0);
    private final TaskCell<?>[] tasks = new TaskCell<?>[4];
    /** Each task is bound at most once, as a spawn binds it once. */
    private final AtomicBoolean[] claimed = new AtomicBoolean[4];

    public OwnedTasksLincheckTest() {
        for (int i = 0; i < tasks.length; i++) {
            tasks[i] = new TaskCell<>(i, w -> Poll.ready(null), TaskCellAndRegistryTest.NOWHERE);
            claimed[i] = new AtomicBoolean();
        }
    }

    @Operation
    public void bind(@Param(name = "i") int i) {
        if (claimed[i].compareAndSet(false, true)) {
            owned.bind(tasks[i]);
        }
    }

    @Operation
    public void remove(@Param(name = "i") int i) {
        owned.remove(tasks[i]);
    }

    @Operation
    public void size() {
        if (owned.size() < 0) {
            throw new AssertionError("negative count");
        }
    }

    @Operation
    public void snapshot() {
        List<TaskCell<?>> live = owned.snapshot();
        if (live.size() > tasks.length) {
            throw new AssertionError("a snapshot listed " + live.size() + " tasks of " + tasks.length);
        }
    }

    @Validate
    public void wholeList() {
        List<TaskCell<?>> live = owned.snapshot();
        if (live.size() != owned.size()) {
            throw new AssertionError("the count says " + owned.size() + ", the list holds " + live.size());
        }
        Set<TaskCell<?>> seen = new HashSet<>();
        TaskCell<?> prev = null;
        for (TaskCell<?> t : live) {
            if (!seen.add(t)) {
                throw new AssertionError("task " + t.id() + " listed twice");
            }
            if (t.ownedPrev != prev) {
                throw new AssertionError("task " + t.id() + " does not link back to the one before it");
            }
            prev = t;
        }
        for (TaskCell<?> t : tasks) {
            if (!seen.contains(t) && (t.ownedPrev != null || t.ownedNext != null)) {
                throw new AssertionError("task " + t.id() + " is off the list but still linked");
            }
        }
    }

    @Test
    void modelCheck() {
        new ModelCheckingOptions()
                .iterations(20)
                .invocationsPerIteration(300)
                .threads(3)
                .actorsPerThread(3)
                .actorsBefore(2)
                .actorsAfter(1)
                .check(OwnedTasksLincheckTest.class);
    }
}
