package dev.weft.itest.shapes;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.itest.harness.CaseDispatcher;
import dev.weft.itest.harness.DifferentialCase;
import dev.weft.itest.harness.InMemoryClassLoader;
import dev.weft.itest.harness.InMemoryCompiler;
import dev.weft.itest.harness.ShapeTest;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Pattern-matching {@code switch} (JDK 21): type patterns, record deconstruction, guards with
 * awaits, {@code case null}, sealed hierarchies. The build compiles with {@code --release 17}, so
 * these shapes are compiled here with {@code --release 21} when the running JDK is 21 or newer,
 * loaded in a child class loader (which the agent rewrites like any other), and run
 * differentially. On JDK 17 the factory is skipped.
 */
class PatternSwitchTest {
    static final String CLASS = "dev.weft.itest.jdk21.PatternSwitchShapes";

    static final String SOURCE = """
            package dev.weft.itest.jdk21;

            import dev.weft.Suspendable;
            import dev.weft.itest.harness.CaseDispatcher;
            import dev.weft.itest.harness.Src;

            public final class PatternSwitchShapes implements CaseDispatcher {
                public static final String[] CASES = {
                    "typePatterns", "recordDeconstruction", "guardsWithAwaits", "caseNull",
                    "sealedExhaustive", "nestedRecordPatterns", "patternSwitchStatement", "enumAndStringPatterns"
                };

                sealed interface Shape permits Circle, Rect, Tri {}
                record Circle(double r) implements Shape {}
                record Rect(long w, long h) implements Shape {}
                record Tri(int a, int b, int c) implements Shape {}
                record Pair(Object left, Object right) {}
                enum Suit { HEARTS, SPADES }

                @Override
                public Object run(int index) throws Exception {
                    return switch (index) {
                        case 0 -> typePatterns();
                        case 1 -> recordDeconstruction();
                        case 2 -> guardsWithAwaits();
                        case 3 -> caseNull();
                        case 4 -> sealedExhaustive();
                        case 5 -> nestedRecordPatterns();
                        case 6 -> patternSwitchStatement();
                        case 7 -> enumAndStringPatterns();
                        default -> throw new IllegalArgumentException("case " + index);
                    };
                }

                @Suspendable
                static String typePatterns() {
                    StringBuilder sb = new StringBuilder();
                    for (Object o : new Object[] {"str", 7, 8L, 2.5, new int[] {1, 2}, 'c'}) {
                        sb.append(switch (Src.obj(o)) {
                            case String s -> "S" + Src.s(s);
                            case Integer i -> "I" + (i + Src.i(1));
                            case Long l -> "L" + (l + Src.l(1L << 40));
                            case Double d -> "D" + Src.d(d);
                            case int[] a -> "A" + a.length + Src.i(a[1]);
                            default -> "O" + o;
                        }).append(';');
                    }
                    return sb.toString();
                }

                @Suspendable
                static String recordDeconstruction() {
                    String out = "";
                    for (Shape s : new Shape[] {new Circle(1.5), new Rect(3, 4), new Tri(3, 4, 5)}) {
                        out += switch (Src.obj(s)) {
                            case Circle(double r) -> "circle " + Src.d(r * 2);
                            case Rect(long w, long h) -> "rect " + (w * Src.l(h));
                            case Tri(int a, int b, int c) -> "tri " + (a + b + Src.i(c));
                        } + ",";
                    }
                    return out;
                }

                @Suspendable
                static String guardsWithAwaits() {
                    String out = "";
                    for (int k = 0; k < 5; k++) {
                        Object o = k % 2 == 0 ? (Object) k : "s" + k;
                        out += switch (o) {
                            case Integer i when i > Src.i(2) -> "big" + i;
                            case Integer i when Src.z(i == 0) -> "zero";
                            case Integer i -> "int" + Src.i(i);
                            case String s when s.endsWith(Src.s("3")) -> "three";
                            case String s -> s;
                            default -> "?";
                        } + " ";
                    }
                    return out;
                }

                @Suspendable
                static String caseNull() {
                    String out = "";
                    for (Object o : new Object[] {null, "x", 1}) {
                        out += switch (Src.obj(o)) {
                            case null -> "null" + Src.i(0);
                            case String s -> s + Src.s("!");
                            default -> "d";
                        };
                    }
                    return out;
                }

                @Suspendable
                static double area(Shape s) {
                    return switch (s) {
                        case Circle c -> Math.round(Math.PI * c.r() * Src.d(c.r()));
                        case Rect r -> r.w() * Src.l(r.h());
                        case Tri t -> Src.i(t.a() * t.b()) / 2.0;
                    };
                }

                @Suspendable
                static double sealedExhaustive() {
                    return area(new Circle(2)) + area(new Rect(2, Src.l(3))) + area(new Tri(3, 4, 5));
                }

                @Suspendable
                static String nestedRecordPatterns() {
                    Object p = Src.obj(new Pair(new Pair("a", 1), new Rect(2, 3)));
                    return switch (p) {
                        case Pair(Pair(String s, Integer i), Rect(long w, long h)) when w < Src.l(h) ->
                                s + Src.i(i) + (w * h);
                        case Pair(Object l, Object r) -> "pair " + l + r;
                        default -> "other";
                    };
                }

                @Suspendable
                static String patternSwitchStatement() {
                    StringBuilder sb = new StringBuilder();
                    for (Object o : new Object[] {1, "two", 3.0}) {
                        switch (Src.obj(o)) {
                            case Integer i:
                                sb.append(Src.i(i));
                                break;
                            case String s:
                                Src.pause();
                                sb.append(s);
                                break;
                            default:
                                sb.append(Src.s("?"));
                        }
                    }
                    return sb.toString();
                }

                @Suspendable
                static String enumAndStringPatterns() {
                    String out = "";
                    for (Object o : new Object[] {Suit.HEARTS, Suit.SPADES, "s"}) {
                        out += switch (Src.obj(o)) {
                            case Suit s when s == Suit.HEARTS -> "h" + Src.i(1);
                            case Suit s -> "suit " + s.ordinal();
                            case String s -> Src.s(s);
                            default -> "?";
                        };
                    }
                    return out;
                }
            }
            """;

    @TestFactory
    Stream<DynamicTest> patternSwitchOnJdk21() throws Exception {
        assumeTrue(Runtime.version().feature() >= 21,
                "pattern-matching switch needs JDK 21; running on " + Runtime.version());
        Map<String, byte[]> classes = new InMemoryCompiler("21").compile(Map.of(CLASS, SOURCE));
        InMemoryClassLoader loader = new InMemoryClassLoader(classes, PatternSwitchTest.class.getClassLoader());
        Class<?> c = Class.forName(CLASS, true, loader);
        CaseDispatcher d = (CaseDispatcher) c.getConstructor().newInstance();
        String[] cases = (String[]) c.getField("CASES").get(null);
        return IntStream.range(0, cases.length).mapToObj(i -> {
            String name = "PatternSwitchShapes." + cases[i];
            return new DifferentialCase(name, d, i, ShapeTest.mix(ShapeTest.SEED, name),
                    "-Dweft.itest.seed=" + ShapeTest.SEED, null).tests();
        }).flatMap(s -> s);
    }
}
