package dev.weft.itest.generated;

import dev.weft.itest.harness.CaseDispatcher;
import dev.weft.itest.harness.DifferentialCase;
import dev.weft.itest.harness.InMemoryClassLoader;
import dev.weft.itest.harness.InMemoryCompiler;
import dev.weft.itest.harness.ShapeTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Random programs through the differential harness: {@link ProgramGenerator} writes them, javac
 * compiles them in memory in batches, a fresh {@link InMemoryClassLoader} per batch loads them
 * (the agent rewrites them at load), and each runs plain, forced and random.
 *
 * <p>Properties:
 * <ul>
 *   <li>{@code weft.generated.programs} (default 1000): how many programs;</li>
 *   <li>{@code weft.generated.masterSeed}: replays a whole run (printed at the start);</li>
 *   <li>{@code weft.generated.seed}: replays one program (printed with its source on failure).</li>
 * </ul>
 */
class GeneratedProgramsTest {
    private static final int BATCH = 100;

    @TestFactory
    Stream<DynamicTest> generatedPrograms() {
        Long single = Long.getLong("weft.generated.seed");
        long master = Long.getLong("weft.generated.masterSeed", System.nanoTime());
        int count = single != null ? 1 : Integer.getInteger("weft.generated.programs", 1000);
        if (single == null) {
            System.out.println("[weft] generated programs: " + count + ", replay this run with -Dweft.generated.masterSeed=" + master);
        }
        int batches = (count + BATCH - 1) / BATCH;
        return IntStream.range(0, batches).boxed().flatMap(b -> {
            List<ProgramGenerator.Program> programs = new ArrayList<>();
            for (int i = b * BATCH; i < Math.min(count, (b + 1) * BATCH); i++) {
                long seed = single != null ? single : ShapeTest.mix(master, "program " + i);
                programs.add(new ProgramGenerator(seed, "G" + i).generate());
            }
            return batch(programs);
        });
    }

    private static Stream<DynamicTest> batch(List<ProgramGenerator.Program> programs) {
        Map<String, String> sources = new LinkedHashMap<>();
        for (ProgramGenerator.Program p : programs) {
            sources.put(p.binaryName(), p.source);
        }
        Map<String, String> failedToCompile = new LinkedHashMap<>();
        Map<String, byte[]> classes;
        while (true) {
            try {
                classes = sources.isEmpty() ? Map.of() : new InMemoryCompiler("17").compile(sources);
                break;
            } catch (InMemoryCompiler.CompilationFailed e) {
                if (e.failedUnits().isEmpty() || !sources.keySet().containsAll(e.failedUnits())) {
                    throw e;
                }
                for (String unit : e.failedUnits()) {
                    failedToCompile.put(unit, e.getMessage());
                    sources.remove(unit);
                }
            }
        }
        InMemoryClassLoader loader = new InMemoryClassLoader(classes, GeneratedProgramsTest.class.getClassLoader());
        return programs.stream().map(p -> DynamicTest.dynamicTest(p.className + " (seed " + p.seed + ")", () -> {
            String replay = "-Dweft.generated.seed=" + p.seed;
            String compileError = failedToCompile.get(p.binaryName());
            if (compileError != null) {
                throw new AssertionError("the generator wrote a program that does not compile (replay: " + replay + "):\n"
                        + compileError + "\n" + numbered(p.source));
            }
            Class<?> c = Class.forName(p.binaryName(), true, loader);
            CaseDispatcher d = (CaseDispatcher) c.getConstructor().newInstance();
            new DifferentialCase(p.className, d, 0, p.seed, replay, () -> "program source:\n" + numbered(p.source))
                    .checkAll();
        }));
    }

    private static String numbered(String source) {
        StringBuilder sb = new StringBuilder();
        String[] lines = source.split("\n", -1);
        for (int k = 0; k < lines.length; k++) {
            sb.append(String.format("%4d  %s%n", k + 1, lines[k]));
        }
        return sb.toString();
    }
}
