@file:OptIn(DelicateCoroutinesApi::class)

package dev.weft.bench.workloads

import java.util.concurrent.CountDownLatch
import java.util.concurrent.atomic.AtomicInteger
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.DelicateCoroutinesApi
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.GlobalScope
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.yield

/**
 * The kotlinx.coroutines baseline of the runtime workloads, called from the Java JMH classes.
 * Every coroutine is a detached `GlobalScope.launch` on `Dispatchers.Default` (the analogue of
 * `tokio::spawn`: no parent job to register with). The pool has 2 threads on a 2-core machine;
 * [Baselines.configure] also sets `kotlinx.coroutines.scheduler.core.pool.size=2`
 * before the dispatcher is first used, so it has 2 on any machine. Each function blocks the
 * caller until the workload is done, through a [CountDownLatch] released by the last coroutine.
 */
object KotlinxWorkloads {
    private val dispatcher = Dispatchers.Default

    /** spawn_many: one coroutine launches [n] coroutines that each decrement a counter. */
    @JvmStatic
    fun spawnMany(n: Int) {
        val done = CountDownLatch(1)
        val remaining = AtomicInteger(n)
        GlobalScope.launch(dispatcher) {
            repeat(n) {
                GlobalScope.launch(dispatcher) {
                    if (remaining.decrementAndGet() == 0) done.countDown()
                }
            }
        }
        done.await()
    }

    /** yield_many: [tasks] coroutines each call `yield()` [yields] times. */
    @JvmStatic
    fun yieldMany(tasks: Int, yields: Int) {
        val done = CountDownLatch(1)
        val remaining = AtomicInteger(tasks)
        repeat(tasks) {
            GlobalScope.launch(dispatcher) {
                repeat(yields) { yield() }
                if (remaining.decrementAndGet() == 0) done.countDown()
            }
        }
        done.await()
    }

    private fun hop(n: Int, done: CountDownLatch) {
        if (n == 0) {
            done.countDown()
        } else {
            GlobalScope.launch(dispatcher) { hop(n - 1, done) }
        }
    }

    /** chained_spawn: coroutine k launches coroutine k+1, [hops] times. */
    @JvmStatic
    fun chainedSpawn(hops: Int) {
        val done = CountDownLatch(1)
        GlobalScope.launch(dispatcher) { hop(hops, done) }
        done.await()
    }

    /** timers: one coroutine launches [n] coroutines that each `delay(ms)`, then decrement a counter. */
    @JvmStatic
    fun timers(n: Int, ms: Int) {
        val done = CountDownLatch(1)
        val remaining = AtomicInteger(n)
        val millis = ms.toLong()
        GlobalScope.launch(dispatcher) {
            repeat(n) {
                GlobalScope.launch(dispatcher) {
                    delay(millis)
                    if (remaining.decrementAndGet() == 0) done.countDown()
                }
            }
        }
        done.await()
    }

    private val token = Any()

    /**
     * ping_pong: [pairs] pairs of coroutines, launched from the caller, each exchange a token
     * [rounds] times over two `Channel(1)`.
     */
    @JvmStatic
    fun pingPong(pairs: Int, rounds: Int) {
        val done = CountDownLatch(1)
        val remaining = AtomicInteger(pairs)
        repeat(pairs) {
            val a = Channel<Any>(1)
            val b = Channel<Any>(1)
            GlobalScope.launch(dispatcher) {
                repeat(rounds) { b.send(a.receive()) }
            }
            GlobalScope.launch(dispatcher) {
                repeat(rounds) {
                    a.send(token)
                    check(b.receive() === token) { "lost the token" }
                }
                if (remaining.decrementAndGet() == 0) done.countDown()
            }
        }
        done.await()
    }

    /** A suspending recursion [depth] frames deep whose innermost frame yields [yields] times. */
    private suspend fun recurse(depth: Int, yields: Int): Int {
        if (depth <= 1) {
            repeat(yields) { yield() }
            return 1
        }
        return recurse(depth - 1, yields) + 1
    }

    /** deep_yield: [tasks] coroutines each run [recurse]. */
    @JvmStatic
    fun deepYield(tasks: Int, depth: Int, yields: Int) {
        val done = CountDownLatch(1)
        val remaining = AtomicInteger(tasks)
        repeat(tasks) {
            GlobalScope.launch(dispatcher) {
                if (recurse(depth, yields) != depth) throw IllegalStateException("bad depth")
                if (remaining.decrementAndGet() == 0) done.countDown()
            }
        }
        done.await()
    }

    /**
     * memory_idle: [n] coroutines each suspended in `await()` on its own unfired
     * [CompletableDeferred].
     */
    class Idle(private val n: Int) {
        private val signals = arrayOfNulls<CompletableDeferred<Unit>>(n)
        private val suspended = AtomicInteger()
        private val done = CountDownLatch(1)
        private val remaining = AtomicInteger(n)

        fun suspendAll() {
            for (i in 0 until n) {
                val s = CompletableDeferred<Unit>()
                signals[i] = s
                GlobalScope.launch(dispatcher) {
                    suspended.incrementAndGet()
                    s.await()
                    if (remaining.decrementAndGet() == 0) done.countDown()
                }
            }
        }

        fun suspendedCount(): Int = suspended.get()

        fun wakeAll() {
            for (s in signals) s!!.complete(Unit)
            done.await()
        }

        fun close() {}
    }
}
