package dev.weft.itest.excluded;

import dev.weft.itest.harness.Src;
import dev.weft.itest.shapes.PassThroughTest;

/**
 * A forwarder in a package the agent excludes ({@code exclude=dev.weft.itest.excluded.} in the
 * surefire configuration): it overrides a suspendable method and is never rewritten, not even its
 * entry, so the token its rewritten caller armed reaches the real callee untouched.
 */
public final class ExcludedForwarder implements PassThroughTest.Service {
    private final PassThroughTest.Service target;

    /** @param target where calls go */
    public ExcludedForwarder(PassThroughTest.Service target) {
        this.target = target;
    }

    @Override
    public String call(String x) {
        Src.log("excluded before " + x);
        String r = target.call(x);
        Src.log("excluded after " + r);
        return r;
    }
}
