package dev.weft.internal.task;

import dev.weft.future.Poll;

/** A task for the completion stress tests: ready at its first poll, on a scheduler that does nothing. */
final class CompletionSlots {
    private static final TaskScheduler NOWHERE = new TaskScheduler() {
        @Override
        public void schedule(TaskCell<?> task) {
        }

        @Override
        public void scheduleYield(TaskCell<?> task) {
        }

        @Override
        public void release(TaskCell<?> task) {
        }
    };

    private CompletionSlots() {
    }

    /** @return a task that completes with 1 the first time it is run */
    static TaskCell<Integer> readyTask() {
        return new TaskCell<>(w -> Poll.ready(1), NOWHERE);
    }
}
