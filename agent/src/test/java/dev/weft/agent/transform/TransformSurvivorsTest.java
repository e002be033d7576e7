package dev.weft.agent.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.AsyncCallable;
import dev.weft.Suspendable;
import dev.weft.agent.abi.RuntimeAbi;
import dev.weft.agent.classify.SuspendableIndex;
import dev.weft.agent.diagnostics.TransformRule;
import dev.weft.agent.fixtures.Shapes;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * What the rewritten classes must do beyond passing ASM's own verifier: pass the JVM's verifier
 * and link their method-reference bridges, save and restore each value category through the
 * Continuation method of that category, disarm at the entry of a suspendable method without a
 * suspension point, unpin before every kind of return, leave methods alone whose only
 * annotation is not {@code @Suspendable}, and accept the oldest and newest class-file versions
 * handled.
 */
class TransformSurvivorsTest {
    private final ClassLoader loader = getClass().getClassLoader();
    private final SuspendableIndex index = new SuspendableIndex(TypePool.Default.of(ClassFileLocator.ForClassLoader.of(loader)));

    private byte[] bytesOf(String name) throws IOException {
        try (InputStream in = loader.getResourceAsStream(name.replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    private CoroutineClassTransformer.Result transform(Class<?> c) throws IOException {
        CoroutineClassTransformer.Result r = CoroutineClassTransformer.transform(bytesOf(c.getName()), index, true);
        assertNotNull(r, c.getName());
        return r;
    }

    private static ClassNode read(byte[] bytes) {
        ClassNode cn = new ClassNode();
        new ClassReader(bytes).accept(cn, 0);
        return cn;
    }

    private static MethodNode method(ClassNode cn, String name) {
        return cn.methods.stream().filter(m -> m.name.equals(name)).findFirst().orElseThrow(() -> new AssertionError(name));
    }

    private static List<MethodInsnNode> continuationCalls(MethodNode m) {
        List<MethodInsnNode> out = new java.util.ArrayList<>();
        for (AbstractInsnNode n = m.instructions.getFirst(); n != null; n = n.getNext()) {
            if (n instanceof MethodInsnNode && ((MethodInsnNode) n).owner.equals(RuntimeAbi.CONTINUATION)) {
                out.add((MethodInsnNode) n);
            }
        }
        return out;
    }

    /**
     * Defines the given rewritten classes (and, from their original bytes, the other classes of
     * their nest) in a loader of their own, so that the JVM verifies and links the rewritten code.
     */
    private Class<?> define(String name, byte[] rewritten) {
        Map<String, byte[]> mine = new HashMap<>();
        mine.put(name, rewritten);
        String prefix = name.contains("$") ? name.substring(0, name.indexOf('$')) : name;
        ClassLoader parent = loader;
        ClassLoader isolated = new ClassLoader(parent) {
            @Override
            protected Class<?> loadClass(String n, boolean resolve) throws ClassNotFoundException {
                synchronized (getClassLoadingLock(n)) {
                    Class<?> c = findLoadedClass(n);
                    if (c == null && (n.equals(prefix) || n.startsWith(prefix + "$"))) {
                        byte[] b = mine.get(n);
                        try {
                            b = b != null ? b : bytesOf(n);
                        } catch (IOException e) {
                            throw new ClassNotFoundException(n, e);
                        }
                        c = defineClass(n, b, 0, b.length);
                    }
                    return c != null ? c : super.loadClass(n, resolve);
                }
            }
        };
        try {
            return Class.forName(name, true, isolated); // initialization links, linking verifies
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void rewrittenShapesPassTheJvmVerifierAndTheirMethodReferenceBridgeLinks() throws Exception {
        CoroutineClassTransformer.Result r = transform(Shapes.class);
        Class<?> shapes = define(Shapes.class.getName(), r.bytes());
        // Links the lambda factory to the bridge: its descriptor must fit the functional
        // interface, and its handle must not claim an interface method of a class.
        Object ref = shapes.getMethod("methodRef").invoke(null);
        assertTrue(ref instanceof AsyncCallable, String.valueOf(ref));
        ClassNode cn = read(r.bytes());
        MethodNode bridge = cn.methods.stream().filter(m -> m.name.startsWith("weft$ref$")).findFirst().orElseThrow();
        assertEquals("()Ldev/weft/agent/fixtures/Shapes$Point;", bridge.desc, "a bridge to a static method has the target's shape");
    }

    @Test
    void anInstanceMethodReferenceBridgeTakesTheReceiverFirstAndLinks() throws Exception {
        CoroutineClassTransformer.Result r = transform(InstanceRef.class);
        ClassNode cn = read(r.bytes());
        MethodNode bridge = cn.methods.stream().filter(m -> m.name.startsWith("weft$ref$")).findFirst().orElseThrow();
        assertEquals("(" + "L" + InstanceRef.class.getName().replace('.', '/') + ";)I", bridge.desc);
        assertEquals(List.of(), r.refusals(), "the bridge is written, not replaced by a throw");
        assertTrue(r.methods().stream().anyMatch(m -> m.startsWith(bridge.name + bridge.desc + " (1 suspension point)")), r.methods()::toString);
        Class<?> c = define(InstanceRef.class.getName(), r.bytes());
        Object ref = c.getMethod("ref", c).invoke(null, c.getDeclaredConstructor().newInstance());
        assertTrue(ref instanceof AsyncCallable, String.valueOf(ref));
    }

    @Test
    void everyValueCategoryIsSavedAndRestoredThroughItsOwnContinuationMethod() throws Exception {
        MethodNode wide = method(read(transform(Shapes.class).bytes()), "wide");
        Set<String> names = new HashSet<>();
        Class<?> continuation = Class.forName(RuntimeAbi.CONTINUATION.replace('/', '.'));
        for (MethodInsnNode call : continuationCalls(wide)) {
            names.add(call.name);
            boolean exists = java.util.Arrays.stream(continuation.getMethods())
                    .anyMatch(m -> m.getName().equals(call.name) && org.objectweb.asm.Type.getMethodDescriptor(m).equals(call.desc));
            assertTrue(exists, "Continuation has no public " + call.name + call.desc);
        }
        // wide holds longs, doubles, floats, ints (byte, char, short, boolean) and references.
        for (String kind : List.of("Int", "Long", "Float", "Double", "Ref")) {
            assertTrue(names.contains("push" + kind) && names.contains("pop" + kind), kind + " not saved and restored: " + names);
        }
    }

    @Test
    void aSuspendableMethodWithoutSuspensionPointDisarmsAtEntryAndVerifies() throws Exception {
        CoroutineClassTransformer.Result r = transform(EntryOnly.class);
        assertTrue(r.methods().contains("plain()I (entry only)"), r.methods()::toString);
        MethodNode plain = method(read(r.bytes()), "plain");
        List<MethodInsnNode> calls = continuationCalls(plain);
        assertEquals(List.of(RuntimeAbi.CURRENT, RuntimeAbi.DISARM), calls.stream().map(c -> c.name).toList());
        AbstractInsnNode first = plain.instructions.getFirst();
        while (first.getOpcode() < 0) {
            first = first.getNext();
        }
        assertEquals(calls.get(0), first, "the disarm runs before the body");
        Class<?> c = define(EntryOnly.class.getName(), r.bytes());
        assertEquals(7, c.getMethod("plain").invoke(null), "outside a coroutine the body runs as written");
    }

    @Test
    void everyKindOfReturnOfARewrittenMethodUnpins() throws Exception {
        CoroutineClassTransformer.Result r = transform(Returns.class);
        ClassNode cn = read(r.bytes());
        // One unpin before each original return, one in the catch-all handler.
        assertEquals(3, continuationCalls(method(cn, "twoIntReturns")).stream().filter(c -> c.name.equals(RuntimeAbi.UNPIN)).count());
        assertEquals(2, continuationCalls(method(cn, "voidReturn")).stream().filter(c -> c.name.equals(RuntimeAbi.UNPIN)).count());
        define(Returns.class.getName(), r.bytes());
    }

    @Test
    void anotherAnnotationDoesNotMakeAMethodSuspendable() throws Exception {
        CoroutineClassTransformer.Result r = transform(EntryOnly.class);
        assertEquals(List.of("plain()I (entry only)"), r.methods());
    }

    @Test
    void theOldestAndNewestHandledClassFileVersionsAreRewritten() throws Exception {
        byte[] original = bytesOf(EntryOnly.class.getName());
        for (int major : new int[] {CoroutineClassTransformer.MIN_VERSION, CoroutineClassTransformer.MAX_VERSION}) {
            byte[] b = original.clone();
            b[6] = (byte) (major >> 8);
            b[7] = (byte) major;
            CoroutineClassTransformer.Result r = CoroutineClassTransformer.transform(b, index, true);
            assertNotNull(r);
            assertEquals(List.of(), r.refusals(), "major " + major);
            assertEquals(List.of("plain()I (entry only)"), r.methods(), "major " + major);
        }
        byte[] newer = original.clone();
        newer[7] = (byte) (CoroutineClassTransformer.MAX_VERSION + 1);
        CoroutineClassTransformer.Result r = CoroutineClassTransformer.transform(newer, index, true);
        assertEquals(TransformRule.UNSUPPORTED_CLASS_VERSION, r.refusals().get(0).rule());
    }

    static CompletableFuture<Integer> f(int v) {
        return CompletableFuture.completedFuture(v);
    }

    /** A suspendable method without a suspension point next to one with another annotation. */
    public static final class EntryOnly {
        @Deprecated
        public static int deprecated() {
            return 1;
        }

        @Suspendable
        public static int plain() {
            return 7;
        }
    }

    /** An int method with two returns and a void method. */
    public static final class Returns {
        @Suspendable
        public static int twoIntReturns(boolean b) {
            if (b) {
                return Async.await(f(1));
            }
            return 0;
        }

        @Suspendable
        public static void voidReturn() {
            Async.await(f(2));
        }
    }

    /** A bound reference to a suspendable instance method. */
    public static final class InstanceRef {
        @Suspendable
        public int value() {
            return Async.await(f(3));
        }

        public static AsyncCallable<Integer> ref(InstanceRef r) {
            return r::value;
        }
    }
}
