package dev.weft.itest.shapes;

import dev.weft.AsyncCallable;
import dev.weft.Suspendable;
import dev.weft.itest.harness.Differential;
import dev.weft.itest.harness.ShapeTest;
import dev.weft.itest.harness.Src;

/** {@code this} held across awaits, captured by lambdas, and instance state changed between awaits. */
class ThisAndFieldsTest extends ShapeTest {

    long total;
    double avg;
    String name = "t";
    ThisAndFieldsTest peer;

    @Suspendable
    ThisAndFieldsTest add(long v) {
        total += Src.l(v);
        return this;
    }

    @Differential @Suspendable
    String fluentChainReturnsThis() {
        return add(1).add(2).add(Src.l(3)).total + name;
    }

    @Differential @Suspendable
    String thisCapturedInLambda() throws Exception {
        AsyncCallable<String> c = () -> {
            total += Src.i(5);
            return name + total;
        };
        String a = c.call();
        name = Src.s("renamed");
        return a + " " + c.call();
    }

    @Differential @Suspendable
    double fieldsReadAfterEveryAwait() {
        for (int k = 1; k <= 4; k++) {
            total += k;
            avg = (double) total / Src.i(k);
            Src.log("avg " + avg);
        }
        return avg;
    }

    @Differential @Suspendable
    String peerObjectsSwapState() {
        peer = new ThisAndFieldsTest();
        peer.name = Src.s("peer");
        peer.peer = this;
        String t = peer.name;
        peer.name = peer.peer.name;
        peer.peer.name = Src.s(t);
        return name + "/" + peer.name;
    }
}
