package dev.weft.checker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Which methods are suspendable and which calls are suspension points: the agent's rules
 * ({@code dev.weft.agent.classify.SuspendableIndex}), answered from javac's symbols.
 *
 * <ul>
 *   <li>A method is suspendable if it is annotated {@code @dev.weft.Suspendable}, or if it is an
 *       instance method that overrides or implements (the Java rule, generics substituted) an
 *       annotated method of a supertype. Methods of JDK types ({@code java.*}, {@code javax.*},
 *       {@code jdk.*}, {@code sun.*}, {@code com.sun.*}) never are.</li>
 *   <li>A call is a suspension point if it is {@code dev.weft.Async.await} or if the method it
 *       resolves to is suspendable. javac resolves a call by the static type of its receiver, as
 *       the agent colors it: an annotation only on an override does not make a call through the
 *       supertype suspend.</li>
 *   <li>A lambda or method reference is suspendable if the method of its functional interface
 *       is.</li>
 * </ul>
 *
 * <p>Answers are cached per method; one instance serves one compilation.
 */
final class Coloring {
    static final String SUSPENDABLE = "dev.weft.Suspendable";
    static final String ASYNC = "dev.weft.Async";
    static final String AWAIT = "await";
    static final String TASK = "dev.weft.Task";
    static final String YIELD_NOW = "yieldNow";
    private static final List<String> PLATFORM_PREFIXES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

    private final Elements elements;
    private final Types types;
    private final Map<ExecutableElement, Boolean> suspendable = new HashMap<>();

    Coloring(Elements elements, Types types) {
        this.elements = elements;
        this.types = types;
    }

    /**
     * @param callee the method a call resolves to
     * @return true if calling it may suspend: {@code Async.await} or a suspendable method
     */
    boolean isSuspensionPoint(ExecutableElement callee) {
        return isAwait(callee) || isSuspendable(callee);
    }

    /**
     * @param m a method
     * @return true if it is a leaf suspension point: {@code Async.await} (any overload) or
     *     {@code Task.yieldNow()}, which the agent treats as suspension points without their
     *     being annotated
     */
    boolean isAwait(ExecutableElement m) {
        TypeElement owner = owner(m);
        if (owner == null) {
            return false;
        }
        if (owner.getQualifiedName().contentEquals(ASYNC)) {
            return m.getSimpleName().contentEquals(AWAIT);
        }
        return owner.getQualifiedName().contentEquals(TASK) && m.getSimpleName().contentEquals(YIELD_NOW)
                && m.getParameters().isEmpty();
    }

    /**
     * @param m a method
     * @return true if it is annotated {@code @Suspendable} or overrides a method that is
     */
    boolean isSuspendable(ExecutableElement m) {
        Boolean known = suspendable.get(m);
        if (known == null) {
            known = resolveSuspendable(m);
            suspendable.put(m, known);
        }
        return known;
    }

    private boolean resolveSuspendable(ExecutableElement m) {
        TypeElement owner = owner(m);
        if (owner == null || isPlatform(owner) || m.getKind() != ElementKind.METHOD) {
            return false;
        }
        if (annotated(m)) {
            return true;
        }
        if (m.getModifiers().contains(Modifier.STATIC) || m.getModifiers().contains(Modifier.PRIVATE)) {
            return false;
        }
        for (ExecutableElement o : overridden(m)) {
            if (!isPlatform(owner(o)) && annotated(o)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Every method of a supertype (transitively, JDK types included) that {@code m} overrides or
     * implements, nearest supertypes first.
     *
     * @param m an instance method
     * @return the methods it overrides
     */
    List<ExecutableElement> overridden(ExecutableElement m) {
        TypeElement owner = owner(m);
        List<ExecutableElement> out = new ArrayList<>();
        if (owner == null || m.getModifiers().contains(Modifier.STATIC) || m.getModifiers().contains(Modifier.PRIVATE)) {
            return out;
        }
        for (TypeElement sup : supertypes(owner)) {
            for (Element e : sup.getEnclosedElements()) {
                if (e.getKind() == ElementKind.METHOD && e.getSimpleName().equals(m.getSimpleName())
                        && elements.overrides(m, (ExecutableElement) e, owner)) {
                    out.add((ExecutableElement) e);
                }
            }
        }
        return out;
    }

    /**
     * The methods {@code m} overrides that are not suspendable, less those that merely override
     * another of them: annotating the ones returned makes every call through a supertype suspend.
     *
     * @param m a suspendable method
     * @return the topmost non-suspendable methods it overrides, nearest first
     */
    List<ExecutableElement> nonSuspendableOverridden(ExecutableElement m) {
        List<ExecutableElement> plain = new ArrayList<>();
        for (ExecutableElement o : overridden(m)) {
            if (!isSuspendable(o)) {
                plain.add(o);
            }
        }
        List<ExecutableElement> roots = new ArrayList<>();
        for (ExecutableElement o : plain) {
            boolean overridesAnother = false;
            for (ExecutableElement p : plain) {
                if (p != o && elements.overrides(o, p, owner(o))) {
                    overridesAnother = true;
                    break;
                }
            }
            if (!overridesAnother) {
                roots.add(o);
            }
        }
        return roots;
    }

    /**
     * The abstract methods of a lambda's or method reference's functional interface (one, or a
     * few that override each other; Object's methods excluded).
     *
     * @param target the target type of the lambda or method reference
     * @return its functional methods; empty if the type is not a functional interface
     */
    List<ExecutableElement> functionalMethods(TypeMirror target) {
        List<ExecutableElement> out = new ArrayList<>();
        if (target.getKind() == TypeKind.INTERSECTION) {
            for (TypeMirror bound : ((IntersectionType) target).getBounds()) {
                out.addAll(functionalMethods(bound));
            }
            return out;
        }
        if (target.getKind() != TypeKind.DECLARED) {
            return out;
        }
        TypeElement type = (TypeElement) ((DeclaredType) target).asElement();
        if (type.getKind() != ElementKind.INTERFACE) {
            return out;
        }
        for (Element e : elements.getAllMembers(type)) {
            if (e.getKind() == ElementKind.METHOD && e.getModifiers().contains(Modifier.ABSTRACT)
                    && !isObjectMethod((ExecutableElement) e)) {
                out.add((ExecutableElement) e);
            }
        }
        return out;
    }

    /**
     * @param functionalMethods the result of {@link #functionalMethods}
     * @return true if a lambda or method reference to that interface is suspendable
     */
    boolean anySuspendable(List<ExecutableElement> functionalMethods) {
        for (ExecutableElement m : functionalMethods) {
            if (isSuspendable(m)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param type a type
     * @return true if it is a JDK type, whose methods are never suspendable
     */
    boolean isPlatform(TypeElement type) {
        String name = elements.getPackageOf(type).getQualifiedName().toString() + ".";
        for (String prefix : PLATFORM_PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param m a method or constructor
     * @return the type that declares it, or null
     */
    static TypeElement owner(ExecutableElement m) {
        Element e = m.getEnclosingElement();
        return e instanceof TypeElement ? (TypeElement) e : null;
    }

    private static boolean annotated(ExecutableElement m) {
        for (AnnotationMirror a : m.getAnnotationMirrors()) {
            Element type = a.getAnnotationType().asElement();
            if (type instanceof TypeElement && ((TypeElement) type).getQualifiedName().contentEquals(SUSPENDABLE)) {
                return true;
            }
        }
        return false;
    }

    /** An interface may redeclare Object's public methods abstractly ({@code Comparator.equals}); they are not its function. */
    private static boolean isObjectMethod(ExecutableElement m) {
        String name = m.getSimpleName().toString();
        int params = m.getParameters().size();
        return (name.equals("equals") && params == 1) || (params == 0 && (name.equals("hashCode") || name.equals("toString")));
    }

    /** All proper supertypes of {@code type}, each once, nearest first (breadth-first). */
    private Set<TypeElement> supertypes(TypeElement type) {
        Set<TypeElement> seen = new LinkedHashSet<>();
        List<TypeMirror> frontier = new ArrayList<>(types.directSupertypes(type.asType()));
        while (!frontier.isEmpty()) {
            List<TypeMirror> next = new ArrayList<>();
            for (TypeMirror t : frontier) {
                Element e = types.asElement(t);
                if (e instanceof TypeElement && seen.add((TypeElement) e)) {
                    next.addAll(types.directSupertypes(t));
                }
            }
            frontier = next;
        }
        return seen;
    }
}
