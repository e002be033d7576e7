package dev.weft.itest.harness;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The corpus keeps at least 150 differential methods, and every shape class has some. */
class CorpusSizeTest {
    static final int MINIMUM = 150;

    @Test
    void corpusHasAtLeast150DifferentialMethods() throws Exception {
        Map<String, Integer> perClass = new TreeMap<>();
        for (Class<?> c : shapeClasses()) {
            if (ShapeTest.class.isAssignableFrom(c) && c != ShapeTest.class) {
                perClass.put(c.getSimpleName(), ShapeTest.casesOf(c).size());
            }
        }
        int total = perClass.values().stream().mapToInt(Integer::intValue).sum();
        System.out.println("[weft] corpus: " + total + " differential methods " + perClass);
        assertTrue(total >= MINIMUM, "only " + total + " @Differential methods (want " + MINIMUM + "): " + perClass);
        perClass.forEach((k, v) -> assertTrue(v > 0, k + " has no @Differential method"));
    }

    private static java.util.List<Class<?>> shapeClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(CorpusSizeTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path shapes = root.resolve("dev/weft/itest/shapes");
        java.util.List<Class<?>> out = new java.util.ArrayList<>();
        try (Stream<Path> files = Files.list(shapes)) {
            for (Path p : files.filter(f -> f.toString().endsWith("Test.class")).collect(Collectors.toList())) {
                String simple = p.getFileName().toString().replace(".class", "");
                out.add(Class.forName("dev.weft.itest.shapes." + simple, false, CorpusSizeTest.class.getClassLoader()));
            }
        }
        return out;
    }
}
