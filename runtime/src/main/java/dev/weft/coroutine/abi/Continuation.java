package dev.weft.coroutine.abi;

import dev.weft.future.Awaitable;
import dev.weft.future.CancelledException;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The state one coroutine shares with the rewritten methods on its call stack: the
 * suspend/resume flags, the arming token, and the frame store where unwinding frames save their
 * live locals.
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>Only the thread currently polling the coroutine touches any field except
 *       {@code cancelRequested}; a coroutine is polled by one thread at a time.</li>
 *   <li>The frame store is a stack. Unwinding pushes frames innermost first, so the root's
 *       frame is on top; resuming re-enters from the root and each level pops its own frame.
 *       When the leaf await is reached again the store is empty.</li>
 *   <li>Within one frame, values are pushed in a fixed order and the label last; the restore
 *       code of that label pops them in reverse, so no per-frame size needs to be stored.</li>
 *   <li>A frame's site (where it suspended, for logical stacks) is the last reference it pushes,
 *       and its entry in {@code labels} holds the label in the low 32 bits and that reference's
 *       index in the high 32: a suspended frame costs two arrays, not three.</li>
 *   <li>The arrays grow and are never shrunk: a suspend/resume cycle in steady state allocates
 *       nothing here. They start empty and small (two labels, four references): a task
 *       suspended one frame deep, the common case, holds 64 B of them.</li>
 * </ul>
 *
 * <p>Not final: the runtime's coroutine is a continuation (one object per task, not two).
 * Generated code only calls its final methods and reads its public fields.
 */
public class Continuation {
    /** {@link #enter(Object)}: run the method from its start. */
    public static final int RUN = 0;
    /** {@link #enter(Object)}: restore the saved frame and jump to its suspended call site. */
    public static final int RESUME = 1;
    /** {@link #enter(Object)}: entered from a frame that is not rewritten; never unwind. */
    public static final int PINNED = 2;

    /** Set by the leaf await when it suspends; every rewritten caller then saves and returns. */
    public boolean suspending;
    /** True while re-entering the saved frames, from the root down to the leaf await. */
    public boolean resuming;
    /** The token of the method the caller is about to call; consumed at entry. */
    public Object armed;
    /**
     * The receiver of the instance call that {@link #armed} is for. An instance method answers
     * {@link #RUN} only if it is that receiver: a frame that is not rewritten and forwards the call
     * to another object (a JDK proxy's handler, a decorator calling by reflection or through a
     * method handle, an excluded class) leaves the token armed, but never changes this field, so
     * the real callee sees a different receiver and pins instead of unwinding through the
     * forwarder. Cleared with the token, so it keeps nothing alive.
     */
    public Object armedSelf;

    // Empty until the first suspension: most tasks never suspend deep, many never suspend.
    private static final long[] NO_PRIMS = {};
    private static final Object[] NO_REFS = {};
    private static final long[] NO_LABELS = {};
    private long[] prims = NO_PRIMS;
    private int primTop;
    private Object[] refs = NO_REFS;
    private int refTop;
    /** Per frame: its label, and in the high 32 bits the index in {@code refs} of its site. */
    private long[] labels = NO_LABELS;
    private int labelTop;

    /** Nesting of frames entered unarmed; while positive, awaits block instead of suspending. */
    private int pinDepth;
    /** The token of the outermost frame entered unarmed, for the pinning message. */
    private Object pinnedBy;

    /** The waker of the current poll. */
    private Waker waker = Waker.NOOP;
    /** Set from any thread to make the next await throw {@link CancelledException}. */
    private volatile boolean cancelRequested;
    /**
     * Polls left before an await yields even though its future is ready (the cooperative
     * budget); owner thread only. {@code Integer.MAX_VALUE} means unlimited.
     */
    private int budget = Integer.MAX_VALUE;

    // ===== current coroutine =====

    private static final ThreadLocal<Continuation> ON_PLAIN_THREAD = new ThreadLocal<>();
    /**
     * How many plain (non-carrier) threads are polling a coroutine right now. Read without
     * ordering: a thread that set it itself sees its own write, and any other thread that reads a
     * stale value either takes the thread-local path (still correct) or reads 0 while it runs no
     * coroutine (also correct).
     */
    private static int plainThreadsInCoroutines;
    private static final VarHandle PLAIN_COUNT;

    static {
        try {
            PLAIN_COUNT = MethodHandles.lookup().findStaticVarHandle(Continuation.class, "plainThreadsInCoroutines", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * The continuation of the coroutine being polled on this thread.
     *
     * @return the continuation, or null outside any coroutine
     */
    public static Continuation current() {
        Thread t = Thread.currentThread();
        if (t instanceof CarrierThread) {
            return ((CarrierThread) t).continuation;
        }
        if (plainThreadsInCoroutines == 0) {
            return null;
        }
        return ON_PLAIN_THREAD.get();
    }

    /**
     * Makes {@code c} the current continuation of this thread (runtime use only).
     *
     * @param c the continuation to install
     * @return the previous one, to pass to {@link #restoreCurrent(Continuation)}
     */
    public static Continuation installCurrent(Continuation c) {
        Thread t = Thread.currentThread();
        if (t instanceof CarrierThread) {
            CarrierThread ct = (CarrierThread) t;
            Continuation prev = ct.continuation;
            ct.continuation = c;
            return prev;
        }
        Continuation prev = ON_PLAIN_THREAD.get();
        if (prev == null) {
            PLAIN_COUNT.getAndAdd(1);
        }
        ON_PLAIN_THREAD.set(c);
        return prev;
    }

    /**
     * Undoes {@link #installCurrent(Continuation)}.
     *
     * @param prev what it returned
     */
    public static void restoreCurrent(Continuation prev) {
        Thread t = Thread.currentThread();
        if (t instanceof CarrierThread) {
            ((CarrierThread) t).continuation = prev;
            return;
        }
        if (prev == null) {
            ON_PLAIN_THREAD.remove();
            PLAIN_COUNT.getAndAdd(-1);
        } else {
            ON_PLAIN_THREAD.set(prev);
        }
    }

    // ===== entry =====

    /**
     * Called at the entry of every rewritten method inside a coroutine.
     *
     * @param token the interned {@code name + descriptor} this method answers to
     * @return {@link #RUN}, {@link #RESUME} or {@link #PINNED}
     */
    public final int enter(Object token) {
        if (armed == token) {
            armed = null;
            armedSelf = null;
            return resuming ? RESUME : RUN;
        }
        return enterUnarmed(token);
    }

    /**
     * Called at the entry of every rewritten instance method inside a coroutine (lambda bodies
     * use {@link #enter(Object)}: they are reached through a lambda proxy, never with their own
     * receiver).
     *
     * @param token the interned {@code name + descriptor} this method answers to
     * @param self the method's {@code this}; must be the receiver the caller armed
     * @return {@link #RUN}, {@link #RESUME} or {@link #PINNED}
     */
    public final int enter(Object token, Object self) {
        if (armed == token && armedSelf == self) {
            armed = null;
            armedSelf = null;
            return resuming ? RESUME : RUN;
        }
        return enterUnarmed(token);
    }

    /**
     * Called at the entry of a method that is suspendable (by annotation or override) but has no
     * suspension point of its own. It cannot unwind, so it only consumes the token: whatever it
     * calls next through code that is not rewritten (reflection, a plain interface, a
     * {@code super} call from a lambda) enters unarmed and pins.
     */
    public final void disarm() {
        armed = null;
        armedSelf = null;
    }

    private int enterUnarmed(Object token) {
        armed = null;
        armedSelf = null;
        if (resuming) {
            throw corrupted("a frame was re-entered without being armed while resuming (" + token + ")");
        }
        if (pinDepth++ == 0) {
            pinnedBy = token;
        }
        return PINNED;
    }

    /** Called on every exit of a method that {@link #enter(Object)} answered {@link #PINNED}. */
    public final void unpin() {
        if (--pinDepth == 0) {
            pinnedBy = null;
        }
    }

    // ===== frame store =====

    /** @param v a live int (or boolean, byte, char, short) local */
    public final void pushInt(int v) {
        pushPrim(v);
    }

    /** @param v a live long local */
    public final void pushLong(long v) {
        pushPrim(v);
    }

    /** @param v a live float local */
    public final void pushFloat(float v) {
        pushPrim(Float.floatToRawIntBits(v));
    }

    /** @param v a live double local */
    public final void pushDouble(double v) {
        pushPrim(Double.doubleToRawLongBits(v));
    }

    /** @param v a live reference local */
    public final void pushRef(Object v) {
        if (refTop == refs.length) {
            refs = Arrays.copyOf(refs, Math.max(4, refTop * 2));
        }
        refs[refTop++] = v;
    }

    /**
     * @param label the call site this frame suspended in; pushed after its values
     * @param site where that is, {@code class|method|file|line}, for logical stacks
     */
    public final void pushLabel(int label, String site) {
        int siteIndex = refTop;
        pushRef(site);
        if (labelTop == labels.length) {
            labels = Arrays.copyOf(labels, Math.max(2, labelTop * 2));
        }
        labels[labelTop++] = ((long) siteIndex << 32) | (label & 0xFFFF_FFFFL);
    }

    /**
     * The suspended frames, innermost first, as stack trace elements: the logical stack of a
     * suspended coroutine. Read from another thread it is a best-effort snapshot.
     *
     * @return the frames; empty if the coroutine is not suspended
     */
    public final java.util.List<StackTraceElement> suspendedFrames() {
        long[] l = labels;
        Object[] r = refs;
        int n = Math.min(labelTop, l.length);
        java.util.List<StackTraceElement> out = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int at = (int) (l[i] >>> 32);
            Object site = at < r.length ? r[at] : null;
            if (site instanceof String) {
                String[] p = ((String) site).split("\\|", 4);
                if (p.length == 4) {
                    try {
                        out.add(new StackTraceElement(p[0], p[1], p[2].isEmpty() ? null : p[2], Integer.parseInt(p[3])));
                    } catch (NumberFormatException notASite) {
                        // a racy snapshot read a reference that is not a site: skip it
                    }
                }
            }
        }
        return out;
    }

    private void pushPrim(long v) {
        if (primTop == prims.length) {
            prims = Arrays.copyOf(prims, Math.max(4, primTop * 2));
        }
        prims[primTop++] = v;
    }

    /** @return the label of the frame being restored */
    public final int popLabel() {
        if (labelTop == 0) {
            throw corrupted("no saved frame to resume");
        }
        refs[--refTop] = null; // the frame's site
        return (int) labels[--labelTop];
    }

    /** @return the next saved int */
    public final int popInt() {
        return (int) prims[--primTop];
    }

    /** @return the next saved long */
    public final long popLong() {
        return prims[--primTop];
    }

    /** @return the next saved float */
    public final float popFloat() {
        return Float.intBitsToFloat((int) prims[--primTop]);
    }

    /** @return the next saved double */
    public final double popDouble() {
        return Double.longBitsToDouble(prims[--primTop]);
    }

    /** @return the next saved reference; the slot is cleared so the store keeps nothing alive */
    public final Object popRef() {
        Object v = refs[--refTop];
        refs[refTop] = null;
        return v;
    }

    /** @return true if frames are saved, so the next poll resumes instead of starting */
    public final boolean hasFrames() {
        return labelTop != 0;
    }

    /** Drops every saved frame and flag; used when the coroutine ends. */
    public final void clear() {
        Arrays.fill(refs, 0, refTop, null);
        refTop = 0;
        primTop = 0;
        labelTop = 0;
        suspending = false;
        resuming = false;
        armed = null;
        armedSelf = null;
        pinDepth = 0;
        pinnedBy = null;
    }

    /**
     * Builds the error thrown when the generated code finds the frame store inconsistent.
     *
     * @param what what was found
     * @return the error, for the generated code to throw
     */
    public static IllegalStateException corrupted(String what) {
        return new IllegalStateException("Weft frame store corrupted: " + what
                + ". This is a bug in the agent or a class changed between suspension and resume.");
    }

    /** @param w the waker of the poll about to run */
    public final void setWaker(Waker w) {
        waker = w;
    }

    // ===== cancellation and budget =====

    /** Makes the next await throw {@link CancelledException}; any thread. */
    public final void requestCancel() {
        cancelRequested = true;
    }

    /** @return true once cancellation was requested */
    public final boolean isCancelRequested() {
        return cancelRequested;
    }

    /** @param polls awaits allowed before a forced yield, or {@code Integer.MAX_VALUE} */
    public final void setBudget(int polls) {
        budget = polls;
    }

    // ===== the leaf await =====

    /**
     * The leaf of every suspension: polls {@code f} and either returns its value or marks the
     * coroutine as suspending and returns null, which every rewritten caller sees.
     *
     * @param f the future to await
     * @param token the token the call site of {@code await} armed
     * @param <T> the value type
     * @return the value, or null while suspending
     */
    public final <T> T awaitLeaf(Awaitable<T> f, Object token) {
        boolean armedHere = armed == token;
        armed = null;
        armedSelf = null;
        if (resuming) {
            resuming = false;
            if (labelTop != 0 || primTop != 0 || refTop != 0) {
                throw corrupted("the leaf await was reached with frames still saved");
            }
        }
        if (cancelRequested) {
            f.abandon();
            throw new CancelledException();
        }
        boolean canSuspend = armedHere && pinDepth == 0;
        if (canSuspend && budget != Integer.MAX_VALUE && --budget < 0) {
            // Cooperative yield: the budget is spent, give the worker back even though f may be ready.
            waker.wake();
            suspending = true;
            return null;
        }
        if (canSuspend && RandomSchedule.anyActive() && RandomSchedule.forcePendingHere(this)) {
            // A random schedule (tests): answer pending once before polling, as if f were not ready yet.
            waker.wake();
            suspending = true;
            return null;
        }
        Poll<T> p = f.poll(waker);
        if (p.isReady()) {
            return p.value();
        }
        if (!canSuspend) {
            return blockPinned(f, armedHere);
        }
        suspending = true;
        return null;
    }

    private <T> T blockPinned(Awaitable<T> f, boolean armedHere) {
        String culprit = armedHere
                ? "the method answering to '" + pinnedBy + "' was called from a frame that is not instrumented"
                : "await was called from a method that is not instrumented";
        if (PinnedSuspensions.verify()) {
            f.abandon();
            throw PinnedSuspensions.refusal(culprit);
        }
        PinnedSuspensions.report(culprit);
        return BlockingAwait.block(f);
    }
}
