/**
 * The only surface that agent-generated code calls. Public because rewritten application classes
 * live in other packages and modules, but <strong>not a user API</strong>: its shape follows the
 * transformation and may change with every release, like Kotlin's
 * {@code kotlin.coroutines.jvm.internal} for compiler output.
 *
 * <h2>Protocol between generated code and {@link dev.weft.coroutine.abi.Continuation}</h2>
 * <ol>
 *   <li>Entry of a rewritten method: {@code c = Continuation.current()}; if {@code c != null},
 *       {@code mode = c.enter(TOKEN)} where {@code TOKEN} is the interned string
 *       {@code name + descriptor} of the method (or, for a lambda body, of the functional
 *       interface method). {@code RUN}: run normally. {@code RESUME}: pop a label, restore the
 *       frame, jump to the call site that suspended. {@code PINNED}: the caller did not arm this
 *       entry, so a frame that is not rewritten sits between this method and the coroutine's
 *       root; nothing below may unwind, and {@link dev.weft.coroutine.abi.Continuation#unpin()}
 *       is called on every exit.</li>
 *   <li>Before each suspendable call: {@code c.armed = CALLEE_TOKEN}.</li>
 *   <li>After each suspendable call: if {@code c.suspending}, push the live locals and the call
 *       site's label, and return a dummy value.</li>
 * </ol>
 */
package dev.weft.coroutine.abi;
