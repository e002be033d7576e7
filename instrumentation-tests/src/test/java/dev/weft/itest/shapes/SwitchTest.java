package dev.weft.itest.shapes;

import dev.weft.Suspendable;
import dev.weft.itest.harness.Differential;
import dev.weft.itest.harness.ShapeTest;
import dev.weft.itest.harness.Src;

/**
 * switch on int (table and lookup), String (hash + equals) and enum (the synthetic ordinal map),
 * with awaits in the selector and in the cases, fall-through, and switch expressions.
 */
class SwitchTest extends ShapeTest {

    enum Color { RED, GREEN, BLUE, BLACK }

    @Differential @Suspendable
    static String tableSwitchAwaitInSelector() {
        String out = "";
        for (int k = 0; k < 5; k++) {
            switch (Src.i(k)) {
                case 0: out += "zero"; break;
                case 1: out += "one" + Src.i(1); break;
                case 2: out += "two"; // fall through
                case 3: out += "three" + Src.s("!"); break;
                default: out += "d" + Src.i(k);
            }
            out += ";";
        }
        return out;
    }

    @Differential @Suspendable
    static int lookupSwitchSparse() {
        int s = 0;
        int[] keys = {-1000, 7, 100_000, 42, 3};
        for (int key : keys) {
            switch (Src.i(key)) {
                case -1000: s += Src.i(1); break;
                case 42: s += Src.i(20); break;
                case 100_000: s += Src.i(300); break;
                default: s += 4000;
            }
        }
        return s;
    }

    @Differential @Suspendable
    static String stringSwitch() {
        String out = "";
        for (String w : new String[] {"apple", "pear", "Aa", "BB", "fig"}) {
            switch (Src.s(w)) {
                case "apple": out += Src.i(1); break;
                case "Aa": out += "[Aa" + Src.s("]"); break; // same hash as "BB"
                case "BB": out += "[BB" + Src.s("]"); break;
                case "pear":
                case "fig": out += Src.s(w.toUpperCase()); break;
                default: out += "?";
            }
        }
        return out;
    }

    @Differential @Suspendable
    static String enumSwitch() {
        StringBuilder sb = new StringBuilder();
        for (Color c : Color.values()) {
            switch (Src.obj(c)) {
                case RED: sb.append(Src.s("r")); break;
                case GREEN: sb.append(Src.i(2)); // fall through
                case BLUE: sb.append(Src.c('b')); break;
                default: sb.append('-');
            }
        }
        return sb.toString();
    }

    @Differential @Suspendable
    static int switchExpressionArrows() {
        int s = 0;
        for (int k = 0; k < 6; k++) {
            s += switch (Src.i(k % 4)) {
                case 0 -> Src.i(1);
                case 1, 2 -> {
                    int t = Src.i(k) * 10;
                    yield t + 1;
                }
                default -> 1000;
            };
        }
        return s;
    }

    @Differential @Suspendable
    static String stringSwitchExpression() {
        String out = "";
        for (String w : new String[] {"a", "b", "c"}) {
            out += switch (Src.s(w)) {
                case "a" -> "A" + Src.i(1);
                case "b" -> {
                    Src.pause();
                    yield "B";
                }
                default -> Src.s("other");
            };
        }
        return out;
    }

    @Differential @Suspendable
    static long enumSwitchExpressionLong() {
        long total = 0;
        for (Color c : Color.values()) {
            total += switch (c) {
                case RED -> Src.l(1L << 35);
                case GREEN -> 2;
                case BLUE -> Src.l(3);
                case BLACK -> Src.i(4);
            };
        }
        return total;
    }

    @Differential @Suspendable
    static String nestedSwitches() {
        String out = "";
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 2; b++) {
                switch (Src.i(a)) {
                    case 0:
                        switch (Src.i(b)) {
                            case 0: out += "00"; break;
                            default: out += "0x";
                        }
                        break;
                    case 1: out += "1" + Src.i(b); break;
                    default: out += "d";
                }
            }
        }
        return out;
    }

    @Differential @Suspendable
    static int switchInLoopWithContinueAndBreak() {
        int s = 0;
        loop:
        for (int k = 0; k < 10; k++) {
            switch (Src.i(k % 5)) {
                case 1: continue loop;
                case 4: if (k > 5) break loop; break;
                default: s += Src.i(k);
            }
            s += 100;
        }
        return s;
    }

    @Differential @Suspendable
    static String switchThrowsInCase() {
        try {
            switch (Src.i(2)) {
                case 1: return "one";
                case 2: Src.fail(new IllegalStateException("case two"));
                default: return "default";
            }
        } catch (IllegalStateException e) {
            return e.getMessage() + Src.i(2);
        }
    }

    @Differential @Suspendable
    static String charSwitch() {
        String out = "";
        for (char c : "axz".toCharArray()) {
            switch (Src.c(c)) {
                case 'a': out += Src.i(1); break;
                case 'x': out += Src.s("X"); break;
                default: out += c;
            }
        }
        return out;
    }

    @Differential @Suspendable
    static int switchOnLongValueSelectorIsAwaited() {
        long big = Src.l(3L << 33);
        switch ((int) (big >>> 33)) {
            case 3: return Src.i(33);
            default: return -1;
        }
    }
}
