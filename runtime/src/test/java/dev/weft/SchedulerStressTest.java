package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Awaitable;
import dev.weft.future.CancelledException;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many tasks with random wake-ups and aborts, checked for exact counts. A lost wake-up leaves a
 * task unfinished (the wave times out and the test names how many); a double poll, or a poll after
 * completion, is caught inside the future; a leaked task shows as a live task after the waves.
 *
 * <p>Each task is a {@link StressFuture} that must be polled a random number of times. Between
 * polls it is woken, at random, by itself during its poll (a yield), by another task on a worker
 * (the LIFO path), or by one of the outside waker threads, sometimes twice (duplicate wakes).
 * The test thread and an outside spawner thread spawn; an aborter thread aborts about one task in
 * ten. Scale with {@code -Dweft.stress.multiplier}.
 */
@Timeout(value = 170, unit = TimeUnit.SECONDS)
class SchedulerStressTest {
    private static final int MULTIPLIER = Integer.getInteger("weft.stress.multiplier", 1);
    private static final int WAVE = 25_000;

    /** Failures seen inside futures; any entry fails the test. */
    private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    /** Futures waiting to be woken by someone else. */
    private final LinkedBlockingQueue<StressFuture> parked = new LinkedBlockingQueue<>();
    private final AtomicLong completions = new AtomicLong();
    private final AtomicLong reportedFailures = new AtomicLong();

    final class StressFuture implements Awaitable<Integer> {
        final int id;
        private int pollsLeft;
        private final boolean throwsAtEnd;
        private final AtomicBoolean inPoll = new AtomicBoolean();
        private volatile boolean done;
        private volatile Waker waker;
        final AtomicInteger abandoned = new AtomicInteger();
        private final SplittableRandom rnd;

        StressFuture(int id, SplittableRandom rnd) {
            this.id = id;
            this.rnd = rnd;
            this.pollsLeft = rnd.nextInt(5);
            this.throwsAtEnd = rnd.nextInt(100) == 0;
        }

        @Override
        public Poll<Integer> poll(Waker w) {
            if (!inPoll.compareAndSet(false, true)) {
                errors.add("task " + id + " polled concurrently");
            }
            try {
                if (done) {
                    errors.add("task " + id + " polled after it completed");
                }
                // wake someone else's task from this worker: the LIFO path
                if (rnd.nextInt(4) == 0) {
                    StressFuture other = parked.poll();
                    if (other != null) {
                        other.waker.wake();
                    }
                }
                if (pollsLeft-- == 0) {
                    done = true;
                    completions.incrementAndGet();
                    if (throwsAtEnd) {
                        throw new IllegalStateException("planned failure " + id);
                    }
                    return Poll.ready(id);
                }
                waker = w;
                if (rnd.nextBoolean()) {
                    w.wake(); // a yield: woken during its own poll
                    if (rnd.nextInt(8) == 0) {
                        w.wake();
                    }
                } else {
                    parked.add(this); // someone else wakes it, maybe before this poll returns
                }
                return Poll.pending();
            } finally {
                inPoll.set(false);
            }
        }

        @Override
        public void abandon() {
            abandoned.incrementAndGet();
        }
    }

    @Test
    void millionTasksWithRandomWakesAndAborts() throws Exception {
        run(WeftRuntime.multiThread().workerThreads(2).onTaskFailure(e -> reportedFailures.incrementAndGet()).build(),
                1_000_000 * MULTIPLIER);
    }

    @Test
    void tinyLocalQueuesOverflowAndStealAllTheTime() throws Exception {
        run(WeftRuntime.multiThread().workerThreads(3).localQueueCapacity(4)
                .onTaskFailure(e -> reportedFailures.incrementAndGet()).build(), 200_000 * MULTIPLIER);
    }

    private void run(WeftRuntime rt, int total) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> helpers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            helpers.add(new Thread(() -> {
                SplittableRandom r = new SplittableRandom();
                while (!stop.get()) {
                    try {
                        StressFuture f = parked.poll(1, TimeUnit.MILLISECONDS);
                        if (f != null) {
                            f.waker.wake();
                            if (r.nextInt(8) == 0) {
                                f.waker.wake();
                            }
                        }
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "stress-waker-" + i));
        }
        long failedExpected = 0;
        long okExpectedAtLeast = 0;
        long succeeded = 0;
        long failed = 0;
        long cancelled = 0;
        long abortedAndFinished = 0;
        long asPlanned = 0; // tasks not aborted that ended exactly as their future planned
        helpers.forEach(Thread::start);
        try (rt) {
            SplittableRandom seeds = new SplittableRandom(42);
            for (int base = 0; base < total; base += WAVE) {
                int n = Math.min(WAVE, total - base);
                StressFuture[] futures = new StressFuture[n];
                @SuppressWarnings("unchecked")
                JoinHandle<Integer>[] handles = new JoinHandle[n];
                boolean[] aborted = new boolean[n];
                for (int i = 0; i < n; i++) {
                    futures[i] = new StressFuture(base + i, seeds.split());
                }
                // half spawned from here, half from another plain thread, while an aborter races
                Thread spawner = new Thread(() -> {
                    for (int i = 1; i < n; i += 2) {
                        handles[i] = rt.spawn(futures[i]);
                    }
                });
                spawner.start();
                for (int i = 0; i < n; i += 2) {
                    handles[i] = rt.spawn(futures[i]);
                }
                spawner.join();
                SplittableRandom r = seeds.split();
                Thread aborter = new Thread(() -> {
                    for (int i = 0; i < n; i++) {
                        if (r.nextInt(10) == 0) {
                            aborted[i] = true;
                            handles[i].abort();
                        }
                    }
                });
                aborter.start();
                aborter.join();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                for (int i = 0; i < n; i++) {
                    while (!handles[i].isFinished()) {
                        if (System.nanoTime() > deadline) {
                            int unfinished = 0;
                            for (JoinHandle<Integer> h : handles) {
                                unfinished += h.isFinished() ? 0 : 1;
                            }
                            throw new AssertionError(unfinished + " tasks of wave " + base / WAVE
                                    + " never finished (lost wake-up?), e.g. " + handles[i] + "; errors: " + errors);
                        }
                        Thread.sleep(1);
                    }
                }
                for (int i = 0; i < n; i++) {
                    Poll<Integer> p;
                    try {
                        p = handles[i].poll(Waker.NOOP);
                    } catch (TaskFailedException e) {
                        failed++;
                        if (!futures[i].throwsAtEnd) {
                            errors.add("task " + futures[i].id + " failed unexpectedly: " + e.getCause());
                        } else if (!aborted[i]) {
                            asPlanned++;
                        }
                        continue;
                    } catch (CancelledException e) {
                        cancelled++;
                        if (!aborted[i]) {
                            errors.add("task " + futures[i].id + " cancelled without abort");
                        }
                        if (futures[i].done) {
                            errors.add("task " + futures[i].id + " completed but reported cancelled");
                        }
                        continue;
                    } finally {
                        if (aborted[i]) {
                            abortedAndFinished++;
                        } else if (futures[i].throwsAtEnd) {
                            failedExpected++;
                        } else {
                            okExpectedAtLeast++;
                        }
                    }
                    assertTrue(p.isReady());
                    assertEquals(futures[i].id, p.value());
                    succeeded++;
                    if (futures[i].throwsAtEnd) {
                        errors.add("task " + futures[i].id + " was to fail at its end but succeeded");
                    } else if (!aborted[i]) {
                        asPlanned++;
                    }
                    if (futures[i].abandoned.get() != 0) {
                        errors.add("task " + futures[i].id + " succeeded but was abandoned");
                    }
                }
                assertTrue(errors.isEmpty(), () -> "errors: " + errors.stream().limit(20).toList());
            }
            assertEquals(0, rt.liveTasks(), "tasks leaked");
        } finally {
            stop.set(true);
            for (Thread t : helpers) {
                t.join();
            }
        }
        assertTrue(errors.isEmpty(), () -> "errors: " + errors.stream().limit(20).toList());
        assertEquals(total, succeeded + failed + cancelled);
        // every task that was not aborted ran to its planned end, exactly
        assertTrue(failed >= failedExpected && succeeded >= okExpectedAtLeast,
                "succeeded " + succeeded + " failed " + failed + " cancelled " + cancelled);
        assertEquals(total - abortedAndFinished, asPlanned, "tasks not aborted must end as planned");
        assertEquals(succeeded + failed, completions.get(), "completed futures vs. completed tasks");
        assertTrue(cancelled > 0, "the aborter should have cancelled some tasks");
        assertEquals(failed, reportedFailures.get(), "onTaskFailure calls");
        System.out.printf("stress: %d tasks: %d succeeded, %d failed, %d cancelled%n", total, succeeded, failed, cancelled);
    }
}
