package dev.weft.itest.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.Coroutine;
import dev.weft.Select;
import dev.weft.future.Awaitable;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** A select in which several branches fail reports one failure with the others suppressed. */
class SelectFailuresTest {
    static Set<String> messages(Throwable t) {
        Set<String> all = new TreeSet<>();
        all.add(t.getMessage());
        Arrays.stream(t.getSuppressed()).map(Throwable::getMessage).forEach(all::add);
        return all;
    }

    static <T> Awaitable<T> failing(String message) {
        return w -> {
            throw new IllegalStateException(message);
        };
    }

    @RepeatedTest(10)
    void everyChildBranchFailsAndEveryFailureIsReported() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Coroutine.blockOn(() -> Select.<String>random()
                .onCall(() -> {
                    throw new IllegalStateException("a");
                }, v -> "a")
                .onCall(() -> {
                    throw new IllegalStateException("b");
                }, v -> "b")
                .onCall(() -> {
                    throw new IllegalStateException("c");
                }, v -> "c")
                .await()));
        assertEquals(Set.of("a", "b", "c"), messages(e), () -> Arrays.stream(e.getSuppressed())
                .map(Throwable::toString).collect(Collectors.joining(", ")));
        assertEquals(2, e.getSuppressed().length);
    }

    @Test
    void everyLeafBranchFailsAndEveryFailureIsReported() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Coroutine.blockOn(() -> Select.<String>biased()
                .on(failing("x"), v -> "x")
                .on(failing("y"), v -> "y")
                .await()));
        assertEquals("x", e.getMessage());   // biased: the first branch's failure is the one thrown
        assertEquals(Set.of("x", "y"), messages(e));
    }
}
