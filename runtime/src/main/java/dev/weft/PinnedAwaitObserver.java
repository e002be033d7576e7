package dev.weft;

import dev.weft.coroutine.abi.PinObserver;
import dev.weft.internal.jfr.JfrGate;
import dev.weft.internal.jfr.WeftEvents;
import dev.weft.internal.scheduler.RuntimeContext;
import dev.weft.internal.task.TaskCell;

/**
 * The runtime's {@link PinObserver}: a pinned await is a {@code dev.weft.PinnedSuspension} JFR
 * event naming the task it pinned, and is refused with {@link SuspensionPinnedException}.
 * Installed by {@link Coroutine}'s initializer, before any coroutine can run.
 */
final class PinnedAwaitObserver implements PinObserver {
    static final PinnedAwaitObserver INSTANCE = new PinnedAwaitObserver();

    private PinnedAwaitObserver() {
    }

    @Override
    public void pinned(String culprit, String stack) {
        if (JfrGate.on()) {
            TaskCell<?> task = RuntimeContext.currentTask();
            WeftEvents.pinned(culprit, task == null ? 0 : task.id(), stack);
        }
    }

    @Override
    public RuntimeException refusal(String culprit) {
        return new SuspensionPinnedException(culprit);
    }
}
