package dev.weft.itest.harness;

/** Throws a checked exception without declaring it (the gates of {@link Src#fail(Throwable)}). */
final class Sneaky {
    private Sneaky() {
    }

    @SuppressWarnings("unchecked")
    static <E extends Throwable> E rethrow(Throwable t) throws E {
        throw (E) t;
    }
}
