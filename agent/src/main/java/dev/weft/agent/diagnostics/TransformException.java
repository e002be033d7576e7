package dev.weft.agent.diagnostics;

/**
 * A method the agent refuses to rewrite, with the class, method, source line and rule it
 * breaks. The message is what users see at class-load time.
 */
public final class TransformException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final TransformRule rule;
    private final String className;
    private final String methodName;

    /**
     * @param rule the rule broken
     * @param className the class, internal or binary name
     * @param methodName the method name and descriptor
     * @param sourceFile the source file, or null
     * @param line the source line, or -1 when unknown
     * @param detail what was found, or null
     */
    public TransformException(TransformRule rule, String className, String methodName, String sourceFile, int line, String detail) {
        super(message(rule, className, methodName, sourceFile, line, detail));
        this.rule = rule;
        this.className = className.replace('/', '.');
        this.methodName = methodName;
    }

    private static String message(TransformRule rule, String className, String methodName, String sourceFile, int line, String detail) {
        StringBuilder sb = new StringBuilder("Weft cannot rewrite ")
                .append(className.replace('/', '.')).append('.').append(methodName);
        if (line > 0 || sourceFile != null) {
            sb.append(" (").append(sourceFile == null ? "unknown source" : sourceFile);
            if (line > 0) {
                sb.append(':').append(line);
            }
            sb.append(')');
        }
        sb.append(": ").append(rule.name()).append(": ").append(rule.explanation());
        if (detail != null) {
            sb.append(" [").append(detail).append(']');
        }
        return sb.toString();
    }

    /** @return the rule broken */
    public TransformRule rule() {
        return rule;
    }

    /** @return the binary class name */
    public String className() {
        return className;
    }

    /** @return the method name and descriptor */
    public String methodName() {
        return methodName;
    }
}
