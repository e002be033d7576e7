package dev.weft.itest.structure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The packages of the runtime and of the agent form layers: the package graph that the JDK's
 * {@code jdeps -verbose:package} reports for their compiled classes has no cycle (a strongly
 * connected component of more than one package). The test runs here, where both modules'
 * classes are built; jdeps comes with every JDK, so no dependency is added.
 */
class PackageCyclesTest {
    private static final Pattern EDGE = Pattern.compile("^\\s+(dev\\.weft[\\w.]*)\\s+->\\s+(dev\\.weft[\\w.]*)\\s");

    @ParameterizedTest
    @ValueSource(strings = {"../runtime/target/classes", "../agent/target/classes"})
    void packagesFormLayersWithoutCycles(String classes) {
        Path dir = Path.of(classes);
        assertTrue(Files.isDirectory(dir), "compiled classes at " + dir.toAbsolutePath());
        Map<String, Set<String>> graph = packageGraph(dir);
        assertTrue(graph.size() > 3, "jdeps reported the packages of " + dir + ": " + graph.keySet());
        assertEquals(List.of(), cycles(graph), "package cycles in " + dir + " (edges: " + graph + ")");
    }

    /** The search itself finds a cycle through three packages, and leaves a layer beside it out. */
    @Test
    void aCycleIsFoundAndALayerIsNot() {
        Map<String, Set<String>> graph = new TreeMap<>();
        graph.put("p.api", Set.of("p.core"));
        graph.put("p.core", Set.of("p.events", "p.base"));
        graph.put("p.events", Set.of("p.api", "p.base"));
        graph.put("p.base", Set.of());
        assertEquals(List.of(Set.of("p.api", "p.core", "p.events")), cycles(graph));
        graph.put("p.events", Set.of("p.base"));
        assertEquals(List.of(), cycles(graph));
    }

    /** @return package to the packages it uses, within dev.weft, from jdeps */
    static Map<String, Set<String>> packageGraph(Path classes) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("no jdeps in this JDK"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:package", classes.toString());
        assertEquals(0, rc, "jdeps failed: " + err);
        Map<String, Set<String>> graph = new TreeMap<>();
        for (String line : out.toString().split("\\R")) {
            Matcher m = EDGE.matcher(line);
            if (m.find() && !m.group(1).equals(m.group(2))) {
                graph.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
                graph.computeIfAbsent(m.group(2), k -> new TreeSet<>());
            }
        }
        return graph;
    }

    /** Tarjan's strongly connected components of more than one package. */
    static List<Set<String>> cycles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> found = new ArrayList<>();
        for (String v : graph.keySet()) {
            if (!index.containsKey(v)) {
                connect(v, graph, index, low, stack, onStack, found);
            }
        }
        return found;
    }

    private static void connect(String v, Map<String, Set<String>> graph, Map<String, Integer> index,
            Map<String, Integer> low, Deque<String> stack, Set<String> onStack, List<Set<String>> found) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        onStack.add(v);
        for (String w : graph.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, graph, index, low, stack, onStack, found);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                found.add(component);
            }
        }
    }
}
