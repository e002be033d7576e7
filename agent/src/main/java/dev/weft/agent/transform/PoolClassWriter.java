package dev.weft.agent.transform;

import dev.weft.agent.classify.SuspendableIndex;
import net.bytebuddy.description.type.TypeDescription;
import org.objectweb.asm.ClassWriter;

/**
 * A {@link ClassWriter} that computes frames and answers "common super class" from class files
 * through the index's type pool, never by loading classes (loading from inside a class-file
 * transformer can recurse into the transformer or load a class in the wrong loader).
 */
final class PoolClassWriter extends ClassWriter {
    private static final String OBJECT = "java/lang/Object";
    private final SuspendableIndex types;

    PoolClassWriter(SuspendableIndex types) {
        super(ClassWriter.COMPUTE_FRAMES);
        this.types = types;
        // ASM bounds frame computation against hostile input (10 MiB, 1e8 steps by default);
        // rewritten methods with many suspension points legitimately need more.
        setComputeLimits(256 << 20, 4_000_000_000L);
    }

    @Override
    protected String getCommonSuperClass(String a, String b) {
        if (a.equals(b)) {
            return a;
        }
        if (a.equals(OBJECT) || b.equals(OBJECT)) {
            return OBJECT;
        }
        TypeDescription ta = types.describe(a);
        TypeDescription tb = types.describe(b);
        if (ta == null || tb == null) {
            return OBJECT;
        }
        try {
            if (ta.isAssignableFrom(tb)) {
                return a;
            }
            if (tb.isAssignableFrom(ta)) {
                return b;
            }
            if (ta.isInterface() || tb.isInterface()) {
                return OBJECT;
            }
            TypeDescription c = ta;
            do {
                TypeDescription.Generic sup = c.getSuperClass();
                if (sup == null) {
                    return OBJECT;
                }
                c = sup.asErasure();
            } while (!c.isAssignableFrom(tb));
            return c.getInternalName();
        } catch (RuntimeException unresolvable) {
            return OBJECT;
        }
    }
}
