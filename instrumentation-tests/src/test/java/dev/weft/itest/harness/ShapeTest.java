package dev.weft.itest.harness;

import dev.weft.Suspendable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Base of every shape class of the corpus: its {@link TestFactory} finds the class's
 * {@link Differential} methods and makes three dynamic tests of each (plain, forced, random).
 *
 * <pre>{@code
 * class LoopTest extends ShapeTest {
 *     @Differential @Suspendable
 *     static int forSum() { int s = 0; for (int k = 0; k < 4; k++) s += Src.i(k); return s; }
 * }
 * }</pre>
 *
 * <p>The random mode's seed is {@code -Dweft.itest.seed} (printed in every failure), mixed with
 * the case's name.
 */
public abstract class ShapeTest {
    /** The seed of this JVM's random runs. */
    public static final long SEED = Long.getLong("weft.itest.seed", System.nanoTime());

    /** @return one container per case, with its three modes */
    @TestFactory
    protected final Stream<DynamicNode> differential() {
        Class<?> shape = getClass();
        List<Method> cases = casesOf(shape);
        List<String> problems = problemsOf(shape, cases);
        if (!problems.isEmpty()) {
            return Stream.of(DynamicTest.dynamicTest("corpus rules", () -> {
                throw new AssertionError(String.join("\n", problems));
            }));
        }
        CaseDispatcher d = DispatcherSpinner.dispatcherFor(shape, cases);
        return IntStream.range(0, cases.size()).mapToObj(i -> {
            String name = shape.getSimpleName() + "." + cases.get(i).getName();
            DifferentialCase c = new DifferentialCase(name, d, i, mix(SEED, name),
                    "-Dweft.itest.seed=" + SEED, null);
            return c.tests();
        }).flatMap(s -> s);
    }

    /**
     * @param shape a shape class
     * @return its corpus methods, sorted by name
     */
    public static List<Method> casesOf(Class<?> shape) {
        List<Method> out = new ArrayList<>();
        for (Method m : shape.getDeclaredMethods()) {
            if (m.isAnnotationPresent(Differential.class)) {
                out.add(m);
            }
        }
        out.sort(Comparator.comparing(Method::getName));
        return out;
    }

    private static List<String> problemsOf(Class<?> shape, List<Method> cases) {
        List<String> problems = new ArrayList<>();
        if (cases.isEmpty()) {
            problems.add(shape.getName() + " has no @Differential method");
        }
        for (int i = 1; i < cases.size(); i++) {
            if (cases.get(i).getName().equals(cases.get(i - 1).getName())) {
                problems.add(shape.getName() + "." + cases.get(i).getName() + " is overloaded; corpus names must be unique");
            }
        }
        for (Method m : cases) {
            String where = shape.getName() + "." + m.getName() + Arrays.toString(m.getParameterTypes());
            if (m.getParameterCount() != 0) {
                problems.add(where + " must take no parameters");
            }
            if (Modifier.isPrivate(m.getModifiers())) {
                problems.add(where + " must not be private (its dispatcher calls it)");
            }
            if (!m.isAnnotationPresent(Suspendable.class)) {
                problems.add(where + " must be @Suspendable");
            }
            if (!Modifier.isStatic(m.getModifiers()) && Modifier.isAbstract(shape.getModifiers())) {
                problems.add(where + " is an instance method of an abstract class");
            }
        }
        return problems;
    }

    /**
     * @param seed a base seed
     * @param name a case name
     * @return a seed for that case
     */
    public static long mix(long seed, String name) {
        long z = seed ^ (name.hashCode() * 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
