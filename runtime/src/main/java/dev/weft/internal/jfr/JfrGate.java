package dev.weft.internal.jfr;

import java.util.concurrent.atomic.AtomicBoolean;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;

/**
 * Says whether the flight recorder has started in this JVM, without starting it or loading any
 * event class (see the package doc for why that matters).
 *
 * <h2>Who may call</h2>
 * {@link #on()}: any thread, on hot paths. {@link #install()}: any thread, once per runtime
 * built; only the first call does anything.
 *
 * <h2>Memory ordering</h2>
 * {@code on} is written once, by the recorder's initialisation callback; a thread that reads it
 * late only misses events of a recording that is starting at that moment.
 */
public final class JfrGate {
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();
    private static volatile boolean on;

    private JfrGate() {
    }

    /** @return true once the flight recorder is initialised: only then can any event be enabled */
    public static boolean on() {
        return on;
    }

    /**
     * Asks the recorder to say when it starts (at once if it already has): from then on, call
     * sites consult their events, and the periodic events are registered. Costs 2 to 20 ms the
     * first time (22 {@code jdk.jfr} classes), nothing after.
     */
    public static void install() {
        if (!INSTALLED.compareAndSet(false, true)) {
            return;
        }
        try {
            FlightRecorder.addListener(new FlightRecorderListener() {
                @Override
                public void recorderInitialized(FlightRecorder recorder) {
                    PeriodicEvents.register();
                    on = true;
                }
            });
        } catch (Throwable absent) {
            // a runtime image without jdk.jfr, or a security manager that denies it: no events
        }
    }
}
