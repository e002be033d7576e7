package dev.weft.coroutine.abi;

import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Reports awaits that had to block their thread because a frame that is not rewritten stood
 * between them and the coroutine's root. Each distinct stack is logged once as a warning; with
 * the agent's {@code verify} option the await fails instead. Every occurrence, repeated or not,
 * goes to the runtime's {@link PinObserver} (a {@code dev.weft.PinnedSuspension} JFR event when
 * a recording enables it).
 */
final class PinnedSuspensions {
    /** System property the agent sets for its {@code verify} option. */
    static final String VERIFY_PROPERTY = "weft.verify";

    private static final System.Logger LOG = System.getLogger("dev.weft.pinning");
    private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();
    /** Until the runtime installs its own: nothing recorded, refused as a plain state error. */
    private static final PinObserver UNOBSERVED = new PinObserver() {
        @Override
        public void pinned(String culprit, String stack) {
        }

        @Override
        public RuntimeException refusal(String culprit) {
            return new IllegalStateException("cannot suspend: " + culprit);
        }
    };
    private static volatile PinObserver observer = UNOBSERVED;

    private PinnedSuspensions() {
    }

    static void install(PinObserver o) {
        if (o == null) {
            throw new NullPointerException("observer");
        }
        observer = o;
    }

    /** @return the exception that refuses a pinned await under {@code verify} */
    static RuntimeException refusal(String culprit) {
        return observer.refusal(culprit);
    }

    static boolean verify() {
        return Boolean.getBoolean(VERIFY_PROPERTY);
    }

    static void report(String culprit) {
        String stack = StackWalker.getInstance().walk(frames -> frames
                .skip(3)
                .limit(24)
                .map(f -> "\tat " + f.toStackTraceElement())
                .collect(Collectors.joining("\n")));
        observer.pinned(culprit, stack);
        if (REPORTED.add(stack)) {
            LOG.log(Level.WARNING, "Weft: an await blocked its thread instead of suspending: " + culprit
                    + ". Mark the frames between it and the coroutine root @Suspendable, or run it on a"
                    + " blocking thread. Stack:\n" + stack);
        }
    }
}
