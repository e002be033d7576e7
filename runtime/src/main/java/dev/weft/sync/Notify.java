package dev.weft.sync;

import dev.weft.Async;
import dev.weft.Suspendable;
import dev.weft.future.Awaitable;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.internal.sync.WaiterList;
import dev.weft.internal.sync.WakeList;

/**
 * Wakes one waiting task or all of them, without data: Tokio's {@code sync::Notify}.
 *
 * <pre>{@code
 * Notify ready = new Notify();
 * Task.spawn(() -> { ready.notified().await(); System.out.println("go"); return null; });
 * ready.notifyOne();
 * }</pre>
 *
 * <h2>Semantics</h2>
 * <ul>
 *   <li>{@link #notifyOne()} wakes the oldest waiter; if nobody waits it stores one permit (at
 *       most one: several calls store one), and the next {@link #await()} returns at once.</li>
 *   <li>{@link #notifyWaiters()} wakes every {@link Notified} that exists at the time of the call,
 *       including those created but not yet polled, and stores no permit. This makes the
 *       "create the future, check the condition, then await" pattern free of lost wake-ups:
 *       <pre>{@code
 * Notify.Notified n = changed.notified();   // before checking
 * if (!condition()) Async.await(n);
 *       }</pre></li>
 *   <li>Waiters are served in FIFO order.</li>
 *   <li>Cancel safety: a waiter cancelled after it was chosen by {@code notifyOne} but before it
 *       returned passes the notification on (to the next waiter, or as the stored permit), so a
 *       notification is never lost.</li>
 * </ul>
 *
 * <h2>Invariants</h2>
 * The waiter list, {@code permit}, each waiter's phase and waker are guarded by {@code lock};
 * {@code generation} is written under it and read without it (volatile) when a
 * {@link Notified} is created.
 */
public final class Notify {
    private final Object lock = new Object();
    /** guarded by lock */
    private final WaiterList<Notified> waiters = new WaiterList<>();
    /** guarded by lock: a notifyOne with no waiter */
    private boolean permit;
    /** incremented by every notifyWaiters, under lock */
    private volatile int generation;

    /** Creates a notify with no stored permit. */
    public Notify() {
    }

    /** Waits for a notification (or consumes the stored permit). */
    @Suspendable
    public void await() {
        Async.await(notified());
    }

    /**
     * A future that completes on the next notification; see the class doc for when it counts as
     * waiting. It is also a {@code Select} branch.
     *
     * @return the future
     */
    public Notified notified() {
        return new Notified(this, generation);
    }

    /** Wakes the oldest waiter, or stores a permit if none waits. */
    public void notifyOne() {
        Waker w = null;
        synchronized (lock) {
            Notified n = waiters.pollFirst();
            if (n == null) {
                permit = true;
            } else {
                n.phase = Notified.NOTIFIED_ONE;
                w = n.waker;
                n.waker = null;
            }
        }
        if (w != null) {
            w.wake();
        }
    }

    /** Wakes every current waiter; stores no permit. */
    public void notifyWaiters() {
        WakeList wake = new WakeList();
        synchronized (lock) {
            generation++;
            Notified n;
            while ((n = waiters.pollFirst()) != null) {
                n.phase = Notified.NOTIFIED_ALL;
                wake.add(n.waker);
                n.waker = null;
            }
        }
        wake.wakeAll();
    }

    /** The future of one wait. Polled by one task at a time. */
    public static final class Notified extends WaiterList.Node<Notified> implements Awaitable<Void> {
        static final int INIT = 0;
        static final int WAITING = 1;
        static final int NOTIFIED_ONE = 2;
        static final int NOTIFIED_ALL = 3;
        static final int DONE = 4;

        private final Notify notify;
        private final int createdAt;
        /** guarded by notify.lock */
        int phase = INIT;
        /** guarded by notify.lock */
        Waker waker;

        Notified(Notify notify, int createdAt) {
            this.notify = notify;
            this.createdAt = createdAt;
        }

        /** Waits for this notification (same as {@code Async.await(this)}). */
        @Suspendable
        public void await() {
            Async.await(this);
        }

        @Override
        public Poll<Void> poll(Waker w) {
            synchronized (notify.lock) {
                switch (phase) {
                    case INIT:
                        if (notify.generation != createdAt) {
                            phase = DONE;
                            return Poll.ready(null);
                        }
                        if (notify.permit) {
                            notify.permit = false;
                            phase = DONE;
                            return Poll.ready(null);
                        }
                        phase = WAITING;
                        waker = w;
                        notify.waiters.addLast(this);
                        return Poll.pending();
                    case WAITING:
                        waker = w;
                        return Poll.pending();
                    case NOTIFIED_ONE:
                    case NOTIFIED_ALL:
                        phase = DONE;
                        return Poll.ready(null);
                    default:
                        throw new IllegalStateException("a Notified was polled after it completed");
                }
            }
        }

        /** Leaves the queue; a notifyOne this waiter received but did not consume is passed on. */
        @Override
        public void abandon() {
            boolean forward;
            synchronized (notify.lock) {
                if (phase == WAITING) {
                    notify.waiters.remove(this);
                }
                forward = phase == NOTIFIED_ONE;
                phase = DONE;
                waker = null;
            }
            if (forward) {
                notify.notifyOne();
            }
        }
    }
}
