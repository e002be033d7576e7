package dev.weft.internal.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The wheel alone: deadline order, cancel, the overflow list, against a reference model. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)   // a wheel that spins must fail, not hang
class TimerWheelTest {
    /** An entry that records when it fired. */
    static final class Probe extends TimerEntry {
        final int id;
        long firedAt = -1;
        final TimerWheel wheel;

        Probe(int id, TimerWheel wheel) {
            this.id = id;
            this.wheel = wheel;
        }

        @Override
        protected void fire() {
            firedAt = wheel.elapsed();
        }
    }

    @Test
    void firesAtTheDeadlineNeverBefore() {
        TimerWheel w = new TimerWheel();
        Probe p = new Probe(0, w);
        assertTrue(w.insert(p, 100));
        assertEquals(0, w.advance(99, null));
        assertEquals(-1, p.firedAt);
        assertEquals(1, w.advance(100, null));
        assertEquals(100, p.firedAt);
        assertFalse(p.isRegistered());
    }

    @Test
    void pastDeadlineIsRefused() {
        TimerWheel w = new TimerWheel();
        w.advance(50, null);
        assertFalse(w.insert(new Probe(0, w), 50));
        assertEquals(0, w.size());
    }

    @Test
    void cancelLeavesNothingBehind() {
        TimerWheel w = new TimerWheel();
        Probe a = new Probe(0, w);
        Probe b = new Probe(1, w);
        w.insert(a, 5_000);
        w.insert(b, 5_000);
        assertTrue(w.cancel(a));
        assertFalse(w.cancel(a));
        assertEquals(1, w.size());
        assertTrue(w.cancel(b));
        assertEquals(0, w.size());
        assertEquals(Long.MAX_VALUE, w.nextExpiration());
        assertEquals(0, w.advance(10_000, null));
    }

    @Test
    void firesInDeadlineOrderAcrossLevels() {
        TimerWheel w = new TimerWheel();
        long[] deadlines = {3, 70, 64, 4_100, 63, 262_145, 1, 4_096};
        for (int i = 0; i < deadlines.length; i++) {
            w.insert(new Probe(i, w), deadlines[i]);
        }
        List<Long> order = new ArrayList<>();
        w.advance(1_000_000, e -> order.add(e.deadline()));
        assertEquals(List.of(1L, 3L, 63L, 64L, 70L, 4_096L, 4_100L, 262_145L), order);
    }

    @Test
    void matchesAReferenceModelUnderRandomOperations() {
        long seed = Long.getLong("weft.timer.seed", System.nanoTime());
        Random rnd = new Random(seed);
        TimerWheel w = new TimerWheel();
        List<Probe> live = new ArrayList<>();
        Set<Probe> fired = new HashSet<>();
        long now = 0;
        int ids = 0;
        for (int step = 0; step < 30_000; step++) {
            int op = rnd.nextInt(10);
            if (op < 5) {
                long range = switch (rnd.nextInt(6)) {
                    case 0 -> 64;
                    case 1 -> 4_096;
                    case 2 -> 300_000;
                    case 3 -> 20_000_000_000L;
                    case 4 -> 3 * TimerWheel.BLOCK;   // beyond the wheel's block: the overflow list
                    default -> 100_000_000;
                };
                long deadline = now + 1 + (long) (rnd.nextDouble() * range);
                Probe p = new Probe(ids++, w);
                assertTrue(w.insert(p, deadline), "seed " + seed);
                live.add(p);
            } else if (op < 7 && !live.isEmpty()) {
                Probe p = live.remove(rnd.nextInt(live.size()));
                assertTrue(w.cancel(p), "seed " + seed);
            } else {
                long next = w.nextExpiration();
                long earliest = live.stream().mapToLong(TimerEntry::deadline).min().orElse(Long.MAX_VALUE);
                assertTrue(next <= earliest, "next expiration must not be after the earliest deadline; seed " + seed);
                now += switch (rnd.nextInt(6)) {
                    case 0, 1 -> Math.max(0, Math.min(earliest, now + 10_000_000L) - now);
                    case 2 -> earliest == Long.MAX_VALUE ? 0 : earliest - now;   // across blocks too
                    default -> rnd.nextInt(5_000);
                };
                long at = now;
                w.advance(now, e -> {
                    assertTrue(e.deadline() <= at, "fired early; seed " + seed);
                    fired.add((Probe) e);
                });
                for (var it = live.iterator(); it.hasNext();) {
                    Probe p = it.next();
                    if (p.deadline() <= now) {
                        assertTrue(fired.contains(p), "missed deadline " + p.deadline() + " at " + now + "; seed " + seed);
                        assertTrue(p.firedAt >= p.deadline(), "seed " + seed);
                        it.remove();
                    } else {
                        assertFalse(fired.contains(p), "seed " + seed);
                    }
                }
            }
            assertEquals(live.size(), w.size(), "seed " + seed);
        }
    }

    @Test
    void aMillionTimersHalfCancelled() {
        TimerWheel w = new TimerWheel();
        Random rnd = new Random(42);
        int n = 1_000_000 * Integer.getInteger("weft.stress.multiplier", 1);
        Probe[] all = new Probe[n];
        for (int i = 0; i < n; i++) {
            all[i] = new Probe(i, w);
            w.insert(all[i], 1 + rnd.nextInt(3_600_000));
        }
        for (int i = 0; i < n; i += 2) {
            assertTrue(w.cancel(all[i]));
        }
        long[] last = {0};
        int[] count = {0};
        w.advance(3_600_000, e -> {
            assertTrue(e.deadline() >= last[0], "out of order");
            last[0] = e.deadline();
            count[0]++;
        });
        assertEquals(n / 2, count[0]);
        assertEquals(0, w.size());
        for (int i = 0; i < n; i++) {
            assertEquals(i % 2 == 1, all[i].firedAt >= 0);
        }
    }

    @Test
    void aDeadlineBeyondTheWheelWaitsInTheOverflowAndDoesNotStopOthers() {
        TimerWheel w = new TimerWheel();
        w.advance(1_000, null);
        long eightHundredDays = 800L * 86_400_000L;   // past 2^36 ms
        Probe far = new Probe(0, w);
        Probe near = new Probe(1, w);
        assertTrue(w.insert(far, eightHundredDays));
        assertTrue(w.insert(near, 1_005));
        assertEquals(1_005, w.nextExpiration());
        assertEquals(1, w.advance(1_005, null));
        assertEquals(1_005, near.firedAt);
        // with only the far entry left, the next look is at the start of its block
        assertEquals(TimerWheel.BLOCK, w.nextExpiration());
        assertEquals(0, w.advance(TimerWheel.BLOCK - 1, null));
        assertEquals(TimerWheel.BLOCK, w.nextExpiration());
        assertEquals(0, w.advance(TimerWheel.BLOCK, null));
        long next = w.nextExpiration();
        assertTrue(next > TimerWheel.BLOCK && next <= eightHundredDays, "next " + next);
        assertEquals(0, w.advance(eightHundredDays - 1, null));
        assertEquals(1, w.advance(eightHundredDays, null));
        assertEquals(eightHundredDays, far.firedAt);
        assertEquals(0, w.size());
    }

    @Test
    void anOverflowEntryCanBeCancelledAndAJumpPastItFiresIt() {
        TimerWheel w = new TimerWheel();
        Probe a = new Probe(0, w);
        Probe b = new Probe(1, w);
        Probe c = new Probe(2, w);
        assertTrue(w.insert(a, 1L << 50));
        assertTrue(w.insert(b, (1L << 50) + 7));
        assertTrue(w.insert(c, 5 * TimerWheel.BLOCK + 3));
        assertTrue(w.cancel(a));
        assertFalse(a.isRegistered());
        List<Long> order = new ArrayList<>();
        assertEquals(2, w.advance(Long.MAX_VALUE - 1, e -> order.add(e.deadline())));
        assertEquals(List.of(5 * TimerWheel.BLOCK + 3, (1L << 50) + 7), order);
        assertEquals(Long.MAX_VALUE, w.nextExpiration());
    }
}
