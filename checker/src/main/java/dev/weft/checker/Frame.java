package dev.weft.checker;

/**
 * One piece of code that becomes its own method in the class file — a method, a lambda body, an
 * initializer — as the checker walks into it. Whether it is suspendable decides what a
 * suspendable call in it means: a suspension point, or a call that cannot suspend.
 */
final class Frame {
    /** How messages name it: {@code method Foo.bar(int)}, {@code lambda implementing Consumer.accept(Object)}. */
    final String description;
    final boolean suspendable;
    /** Set for a top-level or member class: the frames outside it do not run its code. */
    final boolean boundary;
    /** A {@code synchronized} method: every statement is inside its monitor. */
    final boolean synchronizedMethod;
    /** How many {@code synchronized} blocks of this frame enclose the code being checked. */
    int monitors;

    private Frame(String description, boolean suspendable, boolean boundary, boolean synchronizedMethod) {
        this.description = description;
        this.suspendable = suspendable;
        this.boundary = boundary;
        this.synchronizedMethod = synchronizedMethod;
    }

    static Frame boundary(String className) {
        return new Frame("class " + className, false, true, false);
    }

    static Frame method(String description, boolean suspendable, boolean synchronizedMethod) {
        return new Frame(description, suspendable, false, synchronizedMethod);
    }

    static Frame code(String description, boolean suspendable) {
        return new Frame(description, suspendable, false, false);
    }

    /** @return whether a suspension point here is inside a monitor */
    boolean inMonitor() {
        return synchronizedMethod || monitors > 0;
    }
}
