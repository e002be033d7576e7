package dev.weft.agent.install;

import dev.weft.agent.classify.PlatformTypes;
import java.io.IOException;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fast path of the agent: decides from a class's constant pool, and cached facts about its
 * supertypes, whether the class could contain anything to rewrite. Only a class that might goes
 * on to the full analysis ({@link LoaderTypes}, Byte Buddy's type pool, ASM's tree API).
 *
 * <p>A class can need rewriting only if one of its methods is suspendable and contains a
 * suspension point. A method is suspendable if it is annotated (the class then names
 * {@code Ldev/weft/Suspendable;}), if it overrides a suspendable method (some supertype, outside
 * the JDK, declares or inherits a {@code @Suspendable} method: {@link TypeFacts#carriesSuspendable}),
 * or if it is a lambda body of a suspendable functional interface (an {@code invokedynamic}
 * returns a type that carries one, or a Weft type, which the class then names). So a class that
 * names nothing under {@code dev/weft/}, whose supertypes carry nothing suspendable and whose
 * lambdas implement no type that does, is left alone without being parsed. The screen is
 * conservative: anything that names Weft at all is analysed fully.
 *
 * <p>Facts are kept per defining or initiating class loader in a {@link WeakHashMap}; the values
 * hold names only, never the loader or class-file bytes, so a loader stays collectable.
 */
final class ClassScreen {
    private static final Object BOOT = new Object();
    /**
     * Deeper hierarchies than this are not walked; the type is then analysed fully. This also ends
     * a cyclic (invalid) hierarchy, which the JVM rejects anyway. (A placeholder in the shared map
     * would end it sooner, but another thread could read the placeholder as "carries nothing".)
     */
    private static final int MAX_DEPTH = 256;

    private final Map<Object, Map<String, TypeFacts>> facts = new WeakHashMap<>();
    private final ClassFiles classFiles = new ClassFiles();
    private final RuntimeVisibility visibility = new RuntimeVisibility();

    /**
     * Screens a class about to be defined and remembers its facts for its subclasses.
     *
     * @param loader the defining loader (null: bootstrap)
     * @param header the class's header
     * @return true if the class must be analysed fully
     */
    boolean needsAnalysis(ClassLoader loader, ClassHeader header) {
        boolean carries = header.mentionsSuspendable()
                || supertypesCarry(loader, header.superName(), header.interfaces().toArray(new String[0]), 0);
        factsOf(loader).put(header.name(), new TypeFacts(carries, header.access(), header.superName(), header.interfaces()));
        if (header.mentionsWeft() || carries) {
            return true;
        }
        for (String functional : header.indyTypes()) {
            if (lookup(loader, functional, 0).carriesSuspendable()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Told of every class about to be defined, whatever the filter says of it.
     *
     * @param internalName its internal name
     */
    void defining(String internalName) {
        visibility.defining(internalName);
    }

    /**
     * @param loader a defining loader (null: bootstrap)
     * @return false if nothing that loader defines can run rewritten code: its classes are left
     *     alone unread, and nothing is remembered of them (a child loader that sees the runtime
     *     reads their class files itself)
     */
    boolean mayRewrite(ClassLoader loader) {
        return visibility.seesRuntime(loader);
    }

    /**
     * @param loader a class loader (null: bootstrap)
     * @param internalName a class that loader defined or found
     * @return what is known about it, or null if it was never screened through that loader
     */
    TypeFacts known(ClassLoader loader, String internalName) {
        synchronized (facts) {
            Map<String, TypeFacts> m = facts.get(loader == null ? BOOT : loader);
            return m == null ? null : m.get(internalName);
        }
    }

    private boolean supertypesCarry(ClassLoader loader, String superName, String[] interfaces, int depth) {
        if (superName != null && lookup(loader, superName, depth).carriesSuspendable()) {
            return true;
        }
        for (String i : interfaces) {
            if (lookup(loader, i, depth).carriesSuspendable()) {
                return true;
            }
        }
        return false;
    }

    private TypeFacts knownThroughChain(ClassLoader loader, String internalName) {
        for (ClassLoader l = loader; ; l = l.getParent()) {
            TypeFacts f = known(l, internalName);
            if (f != null) {
                return f;
            }
            if (l == null) {
                return null;
            }
        }
    }

    /**
     * The facts of a type as seen from {@code loader}: cached, else read from its class file
     * through the loader's resources. Never by loading the type: a class loaded while a
     * transformer runs on the same thread is not passed to any transformer (the JDK's agent
     * support suppresses the re-entrant call), so a supertype loaded here would escape rewriting.
     */
    private TypeFacts lookup(ClassLoader loader, String internalName, int depth) {
        if (PlatformTypes.isPlatform(internalName)) {
            return TypeFacts.UNKNOWN;
        }
        TypeFacts known = knownThroughChain(loader, internalName);
        if (known != null) {
            return known;
        }
        if (depth > MAX_DEPTH) {
            return new TypeFacts(true, 0, null, java.util.List.of());
        }
        ClassHeader h = header(loader, internalName);
        TypeFacts f;
        if (h == null) {
            if (AgentLog.inUse()) {
                AgentLog.debug(() -> "Weft: no class file for " + internalName.replace('/', '.')
                        + " (an absent optional dependency?); it is taken to declare nothing suspendable");
            }
            f = TypeFacts.UNKNOWN;
        } else {
            boolean carries = h.mentionsSuspendable()
                    || supertypesCarry(loader, h.superName(), h.interfaces().toArray(new String[0]), depth + 1);
            f = new TypeFacts(carries, h.access(), h.superName(), h.interfaces());
        }
        factsOf(loader).put(internalName, f);
        return f;
    }

    private Map<String, TypeFacts> factsOf(ClassLoader loader) {
        Object key = loader == null ? BOOT : loader;
        synchronized (facts) {
            Map<String, TypeFacts> m = facts.get(key);
            if (m == null) {
                m = new ConcurrentHashMap<>();
                facts.put(key, m);
            }
            return m;
        }
    }

    private ClassHeader header(ClassLoader loader, String internalName) {
        try {
            return classFiles.header(loader, internalName);
        } catch (IOException | RuntimeException e) {
            if (AgentLog.inUse()) {
                AgentLog.debug(() -> "Weft could not read the class file of " + internalName.replace('/', '.') + ": " + e);
            }
            return null;
        }
    }
}
