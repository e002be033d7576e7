package dev.weft.test;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** Runs the sample test classes (not run by surefire) in-process and collects what each test did. */
final class Samples {
    /** One finished test invocation. */
    record Outcome(String displayName, TestExecutionResult.Status status, Throwable failure) {
        boolean failed() {
            return status == TestExecutionResult.Status.FAILED;
        }

        String message() {
            return failure == null ? "" : String.valueOf(failure.getMessage());
        }
    }

    private Samples() {
    }

    static List<Outcome> run(Class<?> c) {
        return run(selectClass(c));
    }

    static List<Outcome> run(Class<?> c, String method) {
        return run(selectMethod(c, method));
    }

    private static List<Outcome> run(DiscoverySelector selector) {
        List<Outcome> out = new ArrayList<>();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selector).build(),
                new TestExecutionListener() {
                    @Override
                    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                        if (id.isTest()) {
                            out.add(new Outcome(id.getDisplayName(), result.getStatus(), result.getThrowable().orElse(null)));
                        }
                    }
                });
        return out;
    }
}
