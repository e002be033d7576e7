package dev.weft.examples.guide.step11_testing;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Step 11: testing with weft-test. Runs {@link AccountTest} with the JUnit launcher, as
 * {@code mvn test} would, and prints what each test did.
 */
public final class TestingTour {
    private final PrintStream out;

    TestingTour(PrintStream out) {
        this.out = out;
    }

    /**
     * @param args unused
     */
    public static void main(String[] args) {
        new TestingTour(System.out).run();
    }

    private static java.lang.reflect.Method byName(String name) {
        for (java.lang.reflect.Method m : AccountTest.class.getDeclaredMethods()) {
            if (m.getName().equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("AccountTest has no method " + name);
    }

    void run() {
        for (String method : List.of("twoWithdrawalsOfEighty", "aSlowAuditTimesOutAfterOneMinute", "forgetsATask",
                "twoWithdrawalsOfEightyUnderRandomSchedules")) {
            List<String> failures = new ArrayList<>();
            int[] runs = {0};
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(DiscoverySelectors.selectMethod(AccountTest.class, byName(method))).build(), new TestExecutionListener() {
                        @Override
                        public void executionFinished(TestIdentifier id, TestExecutionResult r) {
                            if (id.isTest()) {
                                runs[0]++;
                                r.getThrowable().ifPresent(t -> failures.add(t.getMessage()));
                            }
                        }
                    });
            out.println(method + ": " + runs[0] + " run(s), " + failures.size() + " failed");
            if (!failures.isEmpty()) {
                // runtime and task ids (weft-N, task-N) differ from run to run: leave them out
                out.println("  first failure: " + failures.get(0).lines()
                        .filter(l -> !l.isBlank() && !l.contains("task dump of")).limit(3)
                        .map(l -> l.replaceAll("task-[0-9]+ ", "").strip())
                        .reduce((a, b) -> a + "\n    " + b).orElse(""));
            }
        }
    }
}
