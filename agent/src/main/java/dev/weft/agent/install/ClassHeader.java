package dev.weft.agent.install;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the agent needs to know about a class file before deciding whether to parse it: its
 * supertypes, the functional interfaces of its {@code invokedynamic} call sites, whether any
 * constant names something under {@code dev/weft/}, and the integer constants of its static
 * fields. Read straight from the constant pool and field table, without ASM or Byte Buddy, and
 * without keeping the bytes. From a stream ({@link #read(InputStream)}) only the prefix up to the
 * interfaces table is read: a supertype's fields, methods and attributes are never inflated.
 *
 * <p>Names are internal names. A malformed class file yields {@code null} from {@link #read};
 * the JVM rejects it with its own error right after.
 *
 * @param name the class's own name
 * @param superName the superclass, or null for {@code java/lang/Object} and {@code module-info}
 * @param interfaces the direct interfaces
 * @param indyTypes the return types (object types only) of every {@code invokedynamic} and
 *     dynamic-constant descriptor: the functional interfaces of its lambdas
 * @param mentionsWeft whether a constant-pool string contains {@code dev/weft/}
 * @param mentionsSuspendable whether a constant-pool string is exactly {@code Ldev/weft/Suspendable;}
 * @param access the class's access flags
 */
record ClassHeader(String name, String superName, List<String> interfaces, List<String> indyTypes,
                   boolean mentionsWeft, boolean mentionsSuspendable, int access) {
    private static final byte[] WEFT = {'d', 'e', 'v', '/', 'w', 'e', 'f', 't', '/'};
    private static final String SUSPENDABLE = dev.weft.agent.abi.RuntimeAbi.SUSPENDABLE_DESC;

    /**
     * @param b a class file
     * @return its header, or null if the bytes are not a well-formed class file
     */
    static ClassHeader read(byte[] b) {
        Tables tables = Tables.acquire();
        try {
            return new Reader(b, b.length, null, tables).header();
        } catch (IndexOutOfBoundsException | IllegalArgumentException malformed) {
            return null;
        } finally {
            Tables.release(tables);
        }
    }

    /**
     * Reads no further into {@code in} than the header needs (plus what one read call returns).
     *
     * @param in a class file's stream, left open and positioned somewhere after the interfaces
     * @param sizeHint the class file's length if known, else 0 or less (sizes the first buffer)
     * @return its header, or null if the stream does not start with a well-formed header
     * @throws IOException if the stream cannot be read
     */
    static ClassHeader read(InputStream in, long sizeHint) throws IOException {
        int first = sizeHint > 0 && sizeHint < FIRST_READ ? (int) sizeHint : FIRST_READ;
        Tables tables = Tables.acquire();
        try {
            return new Reader(new byte[first], 0, in, tables).header();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (IndexOutOfBoundsException | IllegalArgumentException malformed) {
            return null;
        } finally {
            Tables.release(tables);
        }
    }

    /** Bytes asked of a stream at first and at least per read: most constant pools fit in the first. */
    private static final int FIRST_READ = 4096;

    /**
     * The value of a {@code static final int} field's {@code ConstantValue} attribute.
     *
     * @param b a class file
     * @param field the field's name
     * @return the value, or null if there is no such constant
     */
    static Integer intConstant(byte[] b, String field) {
        Tables tables = Tables.acquire();
        try {
            return new Reader(b, b.length, null, tables).intConstant(field);
        } catch (IndexOutOfBoundsException | IllegalArgumentException malformed) {
            return null;
        } finally {
            Tables.release(tables);
        }
    }

    /**
     * The constant-pool tables of the thread's current read, reused from one read to the next: the
     * screen reads every class the JVM defines and most supertypes, and reads never nest on a
     * thread (a header is complete before the screen looks at its supertypes); a nested one, or a
     * pool larger than {@link #REUSED}, gets tables of its own. Entries at or past the pool's count
     * are stale: {@link Reader#tag} refuses them.
     */
    private static final class Tables {
        /** Entries kept per thread at most: 20 KiB. */
        static final int REUSED = 4096;
        /** Not {@code withInitial}: no lambda is bootstrapped for the first class the JVM defines. */
        private static final ThreadLocal<Tables> CURRENT = new ThreadLocal<>() {
            @Override
            protected Tables initialValue() {
                return new Tables();
            }
        };

        final int[] offsets = new int[REUSED];
        final byte[] tags = new byte[REUSED];
        private boolean inUse;

        /** @return the thread's tables, or null while a read on this thread holds them */
        static Tables acquire() {
            Tables t = CURRENT.get();
            if (t.inUse) {
                return null;
            }
            t.inUse = true;
            return t;
        }

        /** @param t what {@link #acquire} returned */
        static void release(Tables t) {
            if (t != null) {
                t.inUse = false;
            }
        }
    }

    /**
     * One pass over the constant pool; {@link #offsets} holds each entry's first byte after its
     * tag. Every access goes through {@link #need}: over an array it is a bounds check, over a
     * stream it reads (and grows the buffer) only as far as the header has got.
     */
    private static final class Reader {
        private byte[] b;
        /** Bytes of {@link #b} that hold the class file. */
        private int filled;
        /** Where the rest comes from, or null when {@link #b} is the whole class file. */
        private final InputStream in;
        private final int[] offsets;
        private final byte[] tags;
        /** The constant pool's count: entries of {@link #tags} from here on are another class's. */
        private final int count;
        private final int end;
        private boolean weft;
        private boolean suspendable;
        private final List<Integer> indyNameAndTypes = new ArrayList<>();

        Reader(byte[] start, int filled, InputStream in, Tables reused) {
            this.b = start;
            this.filled = filled;
            this.in = in;
            if (u4(0) != 0xCAFEBABE) {
                throw new IllegalArgumentException("not a class file");
            }
            count = u2(8);
            boolean fits = reused != null && count <= Tables.REUSED;
            offsets = fits ? reused.offsets : new int[count];
            tags = fits ? reused.tags : new byte[count];
            tags[0] = 0;
            int p = 10;
            for (int i = 1; i < count; i++) {
                need(p + 1);
                int tag = b[p] & 0xFF;
                tags[i] = (byte) tag;
                offsets[i] = p + 1;
                switch (tag) {
                    case 1 -> {
                        int len = u2(p + 1);
                        need(p + 3 + len);
                        scanUtf8(p + 3, len);
                        p += 3 + len;
                    }
                    case 3, 4, 9, 10, 11, 12 -> p += 5;
                    case 17, 18 -> {
                        indyNameAndTypes.add(u2(p + 3));
                        p += 5;
                    }
                    case 5, 6 -> {
                        p += 9;
                        if (++i < count) {
                            tags[i] = 0; // the unusable slot after a long or double
                        }
                    }
                    case 7, 8, 16, 19, 20 -> p += 3;
                    case 15 -> p += 4;
                    default -> throw new IllegalArgumentException("constant-pool tag " + tag);
                }
            }
            end = p;
        }

        private void scanUtf8(int from, int len) {
            if (!suspendable && len == SUSPENDABLE.length() && equalsAscii(from, SUSPENDABLE)) {
                suspendable = true;
            }
            if (weft) {
                return;
            }
            outer:
            for (int i = from, last = from + len - WEFT.length; i <= last; i++) {
                for (int j = 0; j < WEFT.length; j++) {
                    if (b[i + j] != WEFT[j]) {
                        continue outer;
                    }
                }
                weft = true;
                return;
            }
        }

        private boolean equalsAscii(int from, String s) {
            for (int i = 0; i < s.length(); i++) {
                if (b[from + i] != s.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        ClassHeader header() {
            int access = u2(end);
            String name = className(u2(end + 2));
            int superIndex = u2(end + 4);
            String superName = superIndex == 0 ? null : className(superIndex);
            int n = u2(end + 6);
            List<String> interfaces = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                interfaces.add(className(u2(end + 8 + 2 * i)));
            }
            List<String> indy = new ArrayList<>();
            for (int nameAndType : indyNameAndTypes) {
                String desc = utf8(u2(offset(nameAndType) + 2));
                int close = desc.lastIndexOf(')');
                if (close >= 0 && desc.startsWith("L", close + 1) && desc.endsWith(";")) {
                    indy.add(desc.substring(close + 2, desc.length() - 1));
                }
            }
            return new ClassHeader(name, superName, List.copyOf(interfaces), List.copyOf(indy), weft, suspendable, access);
        }

        Integer intConstant(String field) {
            int p = end + 6;
            p += 2 + 2 * u2(p);
            int fields = u2(p);
            p += 2;
            for (int f = 0; f < fields; f++) {
                String fieldName = utf8(u2(p + 2));
                int attributes = u2(p + 6);
                p += 8;
                for (int a = 0; a < attributes; a++) {
                    int length = u4(p + 2);
                    if (fieldName.equals(field) && utf8(u2(p)).equals("ConstantValue")) {
                        int index = u2(p + 6);
                        return tag(index) == 3 ? u4(offset(index)) : null;
                    }
                    p += 6 + length;
                }
            }
            return null;
        }

        private String className(int index) {
            if (tag(index) != 7) {
                throw new IllegalArgumentException("not a class constant: " + index);
            }
            return utf8(u2(offset(index)));
        }

        /** Decodes modified UTF-8 (class names outside ASCII are legal). */
        private String utf8(int index) {
            if (tag(index) != 1) {
                throw new IllegalArgumentException("not a UTF-8 constant: " + index);
            }
            int p = offset(index);
            int len = u2(p);
            char[] out = new char[len];
            int n = 0;
            for (int i = p + 2, last = p + 2 + len; i < last; ) {
                int c = b[i++] & 0xFF;
                if (c < 0x80) {
                    out[n++] = (char) c;
                } else if (c < 0xE0) {
                    out[n++] = (char) (((c & 0x1F) << 6) | (b[i++] & 0x3F));
                } else {
                    out[n++] = (char) (((c & 0x0F) << 12) | ((b[i++] & 0x3F) << 6) | (b[i++] & 0x3F));
                }
            }
            return new String(out, 0, n);
        }

        private int offset(int index) {
            tag(index);
            return offsets[index];
        }

        private int tag(int index) {
            if (index >= count) {
                throw new IndexOutOfBoundsException("constant-pool index " + index);
            }
            return tags[index];
        }

        /** Makes {@code b[0..n)} hold the class file's first {@code n} bytes. */
        private void need(int n) {
            if (n <= filled) {
                return;
            }
            if (in == null) {
                throw new IndexOutOfBoundsException("truncated class file");
            }
            if (n > b.length) {
                b = Arrays.copyOf(b, Math.max(n, 2 * b.length));
            }
            try {
                while (filled < n) {
                    int r = in.read(b, filled, Math.min(b.length, Math.max(n, filled + FIRST_READ)) - filled);
                    if (r < 0) {
                        throw new IndexOutOfBoundsException("truncated class file");
                    }
                    filled += r;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private int u2(int p) {
            need(p + 2);
            return ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
        }

        private int u4(int p) {
            return (u2(p) << 16) | u2(p + 2);
        }
    }
}
