package dev.weft.agent.classify;

import dev.weft.agent.abi.RuntimeAbi;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.description.type.TypeList;
import net.bytebuddy.pool.TypePool;

/**
 * Answers "is this method suspendable?" from class files, through a Byte Buddy {@link TypePool},
 * without loading any class.
 *
 * <p>A method is suspendable if it is annotated {@code @Suspendable}, or if it overrides or
 * implements (by the Java rule: same name, same parameter types after substituting the
 * supertype's type arguments) a method of a supertype that is. A call site is a suspension point
 * if the method it resolves to (declared in its owner or inherited) is suspendable, or if it is
 * {@code Async.await}.
 *
 * <p>Answers are cached per type; one index serves one class loader.
 */
public final class SuspendableIndex {
    private final TypePool pool;
    /** type internal name -> (name + descriptor -> suspendable) */
    private final Map<String, Map<String, Boolean>> cache = new ConcurrentHashMap<>();

    /** @param pool resolves class files of the loader this index serves */
    public SuspendableIndex(TypePool pool) {
        this.pool = pool;
    }

    /**
     * Whether a call to {@code owner.name desc} is a suspension point.
     *
     * @param owner the call's owner, internal name (may be an array descriptor)
     * @param name the method name
     * @param desc the method descriptor
     * @return true if the callee is suspendable
     */
    public boolean isSuspendableCall(String owner, String name, String desc) {
        if (RuntimeAbi.isLeaf(owner, name, desc)) {
            return true; // not annotated, not rewritten: it calls awaitLeaf itself
        }
        if (owner.equals(RuntimeAbi.ASYNC)) {
            return false; // its other methods (detached) are plain
        }
        if (PlatformTypes.isPlatform(owner) || name.equals("<init>") || name.equals("<clinit>")) {
            return false;
        }
        return cache.computeIfAbsent(owner, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(name + desc, k -> resolveCall(owner, name, desc));
    }

    /**
     * Whether a method declared in {@code owner} is suspendable (annotated, or overriding a
     * suspendable method).
     *
     * @param owner the declaring type, internal name
     * @param name the method name
     * @param desc the method descriptor
     * @return true if suspendable
     */
    public boolean isSuspendableDeclared(String owner, String name, String desc) {
        TypeDescription type = describe(owner);
        if (type == null) {
            return false;
        }
        for (MethodDescription.InDefinedShape m : type.getDeclaredMethods()) {
            if (m.getInternalName().equals(name) && m.getDescriptor().equals(desc)) {
                return isSuspendable(type, m);
            }
        }
        return false;
    }

    /** type internal name -> whether it or a supertype declares a @Suspendable method */
    private final Map<String, Boolean> ancestry = new ConcurrentHashMap<>();

    /**
     * Whether any of the given types, or their supertypes, declares a {@code @Suspendable} method;
     * if none does, no method of a class with these supertypes can override a suspendable one.
     *
     * @param superName the superclass, internal name, or null
     * @param interfaces the direct interfaces, internal names
     * @return true if some supertype carries a suspendable method
     */
    public boolean hasSuspendableAncestry(String superName, String[] interfaces) {
        if (superName != null && hasSuspendableAncestry(superName)) {
            return true;
        }
        for (String i : interfaces) {
            if (hasSuspendableAncestry(i)) {
                return true;
            }
        }
        return false;
    }

    private boolean hasSuspendableAncestry(String internalName) {
        if (PlatformTypes.isPlatform(internalName)) {
            return false;
        }
        Boolean known = ancestry.get(internalName);
        if (known != null) {
            return known;
        }
        boolean result = false;
        TypeDescription type = describe(internalName);
        if (type != null) {
            for (MethodDescription.InDefinedShape m : type.getDeclaredMethods()) {
                if (annotated(m)) {
                    result = true;
                    break;
                }
            }
            if (!result) {
                TypeDescription.Generic sup = safeSuper(type);
                result = sup != null && hasSuspendableAncestry(sup.asErasure().getInternalName());
            }
            if (!result) {
                for (TypeDescription.Generic i : safeInterfaces(type)) {
                    if (hasSuspendableAncestry(i.asErasure().getInternalName())) {
                        result = true;
                        break;
                    }
                }
            }
        }
        ancestry.put(internalName, result);
        return result;
    }

    private boolean resolveCall(String owner, String name, String desc) {
        TypeDescription type = describe(owner);
        if (type == null) {
            return false;
        }
        // Find the declaration the call resolves to: the owner or its nearest supertype declaring it.
        TypeDescription declaring = findDeclaring(type, name, desc);
        if (declaring == null) {
            return false;
        }
        for (MethodDescription.InDefinedShape m : declaring.getDeclaredMethods()) {
            if (m.getInternalName().equals(name) && m.getDescriptor().equals(desc)) {
                return isSuspendable(declaring, m);
            }
        }
        return false;
    }

    private TypeDescription findDeclaring(TypeDescription type, String name, String desc) {
        if (type == null || PlatformTypes.isPlatform(type.getInternalName())) {
            return null;
        }
        for (MethodDescription.InDefinedShape m : type.getDeclaredMethods()) {
            if (m.getInternalName().equals(name) && m.getDescriptor().equals(desc)) {
                return type;
            }
        }
        TypeDescription.Generic sup = safeSuper(type);
        if (sup != null) {
            TypeDescription found = findDeclaring(sup.asErasure(), name, desc);
            if (found != null) {
                return found;
            }
        }
        for (TypeDescription.Generic i : safeInterfaces(type)) {
            TypeDescription found = findDeclaring(i.asErasure(), name, desc);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private boolean isSuspendable(TypeDescription declaring, MethodDescription.InDefinedShape m) {
        if (annotated(m)) {
            return true;
        }
        if (m.isStatic() || m.isPrivate() || m.isConstructor() || m.isTypeInitializer()) {
            return false;
        }
        List<TypeDescription> params = m.getParameters().asTypeList().asErasures();
        return overridesSuspendable(declaring.asGenericType(), m.getInternalName(), params, true);
    }

    /** Walks the generic supertypes of {@code type}, comparing parameter erasures after substitution. */
    private boolean overridesSuspendable(TypeDefinition type, String name, List<TypeDescription> params, boolean skipSelf) {
        if (type == null || PlatformTypes.isPlatform(type.asErasure().getInternalName())) {
            return false;
        }
        if (!skipSelf) {
            MethodList<?> methods = type.getDeclaredMethods();
            for (MethodDescription m : methods) {
                if (!m.getInternalName().equals(name) || m.isStatic() || m.isPrivate()
                        || m.getParameters().size() != params.size()) {
                    continue;
                }
                // Match after substituting the supertype's type arguments (Impl.apply(String)
                // overrides Fn<String>.apply(T)), or on the declared erasure (javac's bridge
                // Impl.apply(Object) implements Fn.apply(Object)).
                boolean sameParams = m.getParameters().asTypeList().asErasures().equals(params)
                        || m.asDefined().getParameters().asTypeList().asErasures().equals(params);
                if (sameParams && annotated(m)) {
                    return true;
                }
            }
        }
        TypeDescription.Generic sup;
        TypeList.Generic interfaces;
        try {
            sup = type.getSuperClass();
            interfaces = type.getInterfaces();
        } catch (RuntimeException unresolvable) {
            return false;
        }
        if (sup != null && overridesSuspendable(sup, name, params, false)) {
            return true;
        }
        for (TypeDescription.Generic i : interfaces) {
            if (overridesSuspendable(i, name, params, false)) {
                return true;
            }
        }
        return false;
    }

    private static boolean annotated(MethodDescription m) {
        for (net.bytebuddy.description.annotation.AnnotationDescription a : m.getDeclaredAnnotations()) {
            if (a.getAnnotationType().getDescriptor().equals(RuntimeAbi.SUSPENDABLE_DESC)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param internalName a type's internal name
     * @return its description, or null if its class file cannot be found
     */
    public TypeDescription describe(String internalName) {
        if (internalName.startsWith("[")) {
            return null;
        }
        try {
            TypePool.Resolution r = pool.describe(internalName.replace('/', '.'));
            return r.isResolved() ? r.resolve() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static TypeDescription.Generic safeSuper(TypeDescription type) {
        try {
            return type.getSuperClass();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static TypeList.Generic safeInterfaces(TypeDescription type) {
        try {
            return type.getInterfaces();
        } catch (RuntimeException e) {
            return new TypeList.Generic.Empty();
        }
    }
}
