package dev.weft.internal.scheduler.multithread;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.internal.scheduler.Driver;
import dev.weft.internal.scheduler.RuntimeCore;
import dev.weft.internal.time.ClockSource;
import java.io.File;
import java.nio.channels.ClosedSelectorException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Closing a runtime closes its driver, and a closed driver gives its selector's descriptors back. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ShutdownReleasesTheDriverTest {
    @Test
    void closingTheRuntimeClosesItsDriver() {
        AtomicBoolean closed = new AtomicBoolean();
        Driver driver = new Driver(ClockSource.SYSTEM) {
            @Override
            public void close() {
                closed.set(true);
                super.close();
            }
        };
        RuntimeCore core = new RuntimeCore(FailingDriverTest.config(2), driver, MultiThreadScheduler::new);
        core.close();
        assertTrue(closed.get(), "the runtime's close() closed its driver");
    }

    @Test
    void aClosedDriverReleasesItsDescriptors() {
        File fds = new File("/proc/self/fd");
        String[] before = fds.list();
        // where the process cannot list its descriptors, the reactor must at least refuse to turn
        int n = 32;
        for (int i = 0; i < n; i++) {
            Driver d = new Driver(ClockSource.SYSTEM);
            d.turnNow();
            d.close();
            if (before == null) {
                assertThrows(ClosedSelectorException.class, d::turnNow);
            }
        }
        if (before != null) {
            // each selector holds two or three descriptors (epoll, and an eventfd or a pipe)
            int grown = fds.list().length - before.length;
            assertTrue(grown < n, n + " closed drivers left " + grown + " more descriptors open");
        }
    }
}
