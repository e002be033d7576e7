/**
 * The runtime's JDK Flight Recorder events, category "Weft", one small final class per event.
 *
 * <h2>Cost when no recording wants them</h2>
 * <ol>
 *   <li>Until the flight recorder starts in this JVM, {@link dev.weft.internal.jfr.JfrGate#on()}
 *       is false (one volatile read, a plain load on x86) and no event class is even loaded:
 *       loading a {@code jdk.jfr.Event} subclass registers it with the recorder, which costs
 *       about 300 ms on a cold JDK 17 (measured on the 2-core CI machine with {@code
 *       -Xlog:class+load}: 98 {@code jdk.jfr} classes).</li>
 *   <li>Once it started, each call site asks its event class's {@code enabled()}: a shared
 *       probe instance's {@code isEnabled()}, which reads one static field of the instrumented
 *       class. Nothing is allocated before that answers true.</li>
 * </ol>
 * Call sites therefore read {@code if (JfrGate.on()) SomeHooks.x(...)}, and the hook method
 * checks {@code enabled()} before it builds anything.
 *
 * <h2>Events</h2>
 * {@code dev.weft.TaskSpawned}, {@code dev.weft.TaskEnded} (spans spawn to completion),
 * {@code dev.weft.LongPoll}, {@code dev.weft.PinnedSuspension}, {@code dev.weft.WorkerPark},
 * {@code dev.weft.WorkerUnpark}, {@code dev.weft.WorkerSteal}, {@code dev.weft.BlockingPoolGrow},
 * {@code dev.weft.TaskDump} (on request, and at the end of each chunk) and
 * {@code dev.weft.RuntimeMetrics} (periodic). {@code weft.jfc} in the agent jar enables them.
 */
package dev.weft.internal.jfr;
