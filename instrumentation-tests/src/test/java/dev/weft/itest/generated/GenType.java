package dev.weft.itest.generated;

/** The types generated programs use for locals, parameters, returns and conditions. */
enum GenType {
    INT("int"),
    LONG("long"),
    DOUBLE("double"),
    STRING("String"),
    INTS("int[]"),
    BOOL("boolean");

    /** The Java spelling. */
    final String java;

    GenType(String java) {
        this.java = java;
    }

    /** The types a method may return or take. */
    static final GenType[] VALUE_TYPES = {INT, LONG, DOUBLE, STRING};
    /** The types a local may have. */
    static final GenType[] LOCAL_TYPES = {INT, LONG, DOUBLE, STRING, INTS};
}
