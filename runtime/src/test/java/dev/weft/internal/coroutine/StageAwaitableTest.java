package dev.weft.internal.coroutine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Poll;
import dev.weft.future.Waker;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

class StageAwaitableTest {
    /**
     * A future that completes the moment a callback is attached: the completion then lands
     * exactly between the awaitable's first look at the future and its registration.
     */
    static final class CompletesOnRegistration extends CompletableFuture<String> {
        @Override
        public CompletableFuture<String> whenComplete(BiConsumer<? super String, ? super Throwable> action) {
            complete("late");
            return super.whenComplete(action);
        }
    }

    @Test
    void aCompletionDuringRegistrationWakesOncePerPendingAndNeverAfterReady() {
        AtomicInteger wakes = new AtomicInteger();
        Waker waker = wakes::incrementAndGet;
        StageAwaitable<String> a = StageAwaitable.of(new CompletesOnRegistration());

        Poll<String> first = a.poll(waker);
        assertTrue(first.isPending(), "a poll that registered answers pending; its wake ends that suspension");
        assertEquals(1, wakes.get(), "the callback ran at registration, so the wake is not lost");

        Poll<String> second = a.poll(waker);
        assertEquals("late", second.value());
        assertEquals(1, wakes.get(), "no wake is left over once the value was delivered");
    }

    @Test
    void aPendingStageWakesOnceWhenItCompletes() {
        AtomicInteger wakes = new AtomicInteger();
        Waker waker = wakes::incrementAndGet;
        CompletableFuture<String> f = new CompletableFuture<>();
        StageAwaitable<String> a = StageAwaitable.of(f);

        assertTrue(a.poll(waker).isPending());
        assertTrue(a.poll(waker).isPending(), "a spurious re-poll with the same waker");
        assertEquals(0, wakes.get());
        f.complete("v");
        assertEquals(1, wakes.get(), "one registration per waker, so one wake");
        assertEquals("v", a.poll(waker).value());
    }

    @Test
    void aCompletedStageIsReadWithoutRegistering() {
        CompletionStage<String> done = CompletableFuture.completedFuture("now");
        AtomicInteger wakes = new AtomicInteger();
        assertEquals("now", StageAwaitable.of(done).poll(wakes::incrementAndGet).value());
        assertEquals(0, wakes.get());
    }
}
