package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.future.Awaitable;
import dev.weft.future.Poll;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Several tasks (and plain threads) awaiting one {@link JoinHandle}: every one is woken. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JoinHandleJoinersTest {
    static WeftRuntime runtime(String flavour) {
        return switch (flavour) {
            case "multi-2" -> WeftRuntime.multiThread().workerThreads(2).build();
            case "multi-1" -> WeftRuntime.multiThread().workerThreads(1).build();
            default -> WeftRuntime.currentThread().build();
        };
    }

    /** A joiner task: polls the handle, counting down {@code polled} after its first pending poll. */
    static <T> Awaitable<T> joiner(JoinHandle<T> h, CountDownLatch polled) {
        AtomicInteger polls = new AtomicInteger();
        return w -> {
            Poll<T> p = h.poll(w);
            if (p.isPending() && polls.getAndIncrement() == 0) {
                polled.countDown();
            }
            return p;
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"multi-2", "multi-1", "current"})
    void everyJoinerOfOneHandleIsWoken(String flavour) throws Exception {
        try (WeftRuntime rt = runtime(flavour)) {
            Signal<String> s = new Signal<>();
            JoinHandle<String> target = rt.spawn(s);
            int n = 5;
            CountDownLatch polled = new CountDownLatch(n);
            List<JoinHandle<String>> joiners = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                joiners.add(rt.spawn(joiner(target, polled)));
            }
            // every joiner is registered before the target completes (the current-thread
            // flavour runs tasks only inside blockOn)
            rt.blockOn(w -> polled.getCount() == 0 ? Poll.ready(null) : yieldOnce(w));
            s.complete("done");
            for (JoinHandle<String> j : joiners) {
                assertEquals("done", rt.blockOn(j));
            }
            assertEquals("done", target.join());
        }
    }

    @Test
    void everyJoinerSeesTheSameFailure() throws Exception {
        try (WeftRuntime rt = WeftRuntime.multiThread().workerThreads(2).onTaskFailure(e -> { }).build()) {
            Signal<String> s = new Signal<>();
            JoinHandle<String> target = rt.spawn(s);
            CountDownLatch polled = new CountDownLatch(2);
            JoinHandle<String> a = rt.spawn(joiner(target, polled));
            JoinHandle<String> b = rt.spawn(joiner(target, polled));
            polled.await();
            IllegalStateException boom = new IllegalStateException("boom");
            s.fail(boom);
            for (JoinHandle<String> j : List.of(a, b)) {
                TaskFailedException outer = assertThrows(TaskFailedException.class, j::join);
                // the joiner failed with the target's TaskFailedException, whose cause is boom
                assertEquals(boom, outer.getCause().getCause());
            }
        }
    }

    private static <T> Poll<T> yieldOnce(dev.weft.future.Waker w) {
        w.wake();
        return Poll.pending();
    }
}
