package dev.weft.checker;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Types;

/** How messages name methods: {@code Owner.name(ParamType, ...)}, with simple type names. */
final class Signatures {
    private final Types types;

    Signatures(Types types) {
        this.types = types;
    }

    /**
     * @param m a method or constructor
     * @return e.g. {@code Time.sleep(Duration)} or {@code new Socket(String, int)}
     */
    String of(ExecutableElement m) {
        TypeElement owner = Coloring.owner(m);
        String ownerName = owner == null ? "" : nestedName(owner);
        List<String> params = new ArrayList<>();
        for (VariableElement p : m.getParameters()) {
            Element t = types.asElement(types.erasure(p.asType()));
            params.add(t == null ? types.erasure(p.asType()).toString() : t.getSimpleName().toString());
        }
        String name = m.getKind() == ElementKind.CONSTRUCTOR ? "new " + ownerName : ownerName + "." + m.getSimpleName();
        return name + "(" + String.join(", ", params) + ")";
    }

    /**
     * @param m a method
     * @return its fully qualified owner and name, e.g. {@code com.example.Repo.find}, as a fix names it
     */
    static String qualified(ExecutableElement m) {
        TypeElement owner = Coloring.owner(m);
        return (owner == null ? "" : owner.getQualifiedName() + ".") + m.getSimpleName();
    }

    /** {@code Outer.Inner} for a member type; an anonymous class is named by what it extends. */
    private static String nestedName(TypeElement type) {
        if (type.getSimpleName().length() == 0) {
            return "anonymous " + (type.getInterfaces().isEmpty() ? type.getSuperclass() : type.getInterfaces().get(0));
        }
        Element outer = type.getEnclosingElement();
        return outer instanceof TypeElement ? nestedName((TypeElement) outer) + "." + type.getSimpleName() : type.getSimpleName().toString();
    }
}
