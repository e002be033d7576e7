package dev.weft.agent.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * A supertype's header is read from its stream without reading the rest of the class file, and
 * is the same header as the one read from the whole array.
 */
class ClassHeaderStreamTest {
    /** Counts what is read from it and hands out at most {@code chunk} bytes per read, as an inflater may. */
    private static final class MeteredStream extends FilterInputStream {
        int consumed;
        private final int chunk;

        MeteredStream(byte[] b, int chunk) {
            super(new ByteArrayInputStream(b));
            this.chunk = chunk;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int r = super.read(b, off, Math.min(len, chunk));
            consumed += Math.max(r, 0);
            return r;
        }
    }

    /** A class with a large constant pool (past the first read) and a much larger method table after it. */
    private static byte[] longClass(int constants, int methods) {
        ClassWriter w = new ClassWriter(0);
        w.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "fp/head/Long", null, "fp/head/Base", new String[] {"fp/head/A", "fp/head/B"});
        w.visitAnnotation("Ldev/weft/Suspendable;", false).visitEnd();
        for (int i = 0; i < constants; i++) {
            w.newConst("a string constant long enough to push the constant pool past the first read #" + i);
        }
        for (int i = 0; i < methods; i++) {
            MethodVisitor m = w.visitMethod(Opcodes.ACC_PUBLIC, "m" + i, "()V", null, null);
            m.visitCode();
            for (int k = 0; k < 200; k++) {
                m.visitInsn(Opcodes.NOP);
            }
            m.visitInsn(Opcodes.RETURN);
            m.visitMaxs(0, 1);
            m.visitEnd();
        }
        w.visitEnd();
        return w.toByteArray();
    }

    @Test
    void aLongClassFileIsReadOnlyUpToItsInterfaces() throws IOException {
        byte[] b = longClass(200, 400);
        MeteredStream in = new MeteredStream(b, 1000);
        ClassHeader streamed = ClassHeader.read(in, b.length);
        assertEquals(ClassHeader.read(b), streamed);
        assertEquals("fp/head/Base", streamed.superName());
        assertEquals(java.util.List.of("fp/head/A", "fp/head/B"), streamed.interfaces());
        assertTrue(streamed.mentionsSuspendable());
        assertTrue(in.consumed < b.length / 2, "read " + in.consumed + " of " + b.length + " bytes");
    }

    @Test
    void aSmallClassFileIsReadWhole() throws IOException {
        byte[] b = longClass(0, 0);
        assertEquals(ClassHeader.read(b), ClassHeader.read(new ByteArrayInputStream(b), 0));
        assertEquals(ClassHeader.read(b), ClassHeader.read(new MeteredStream(b, 7), b.length));
    }

    @Test
    void aTruncatedOrForeignFileHasNoHeader() throws IOException {
        byte[] b = longClass(200, 0);
        assertNull(ClassHeader.read(new ByteArrayInputStream(Arrays.copyOf(b, 3000)), 0));
        assertNull(ClassHeader.read(new ByteArrayInputStream("not a class file".getBytes()), 0));
    }

    @Test
    void aConstantPastTheCountIsRefusedEvenAfterALargerPool() {
        byte[] large = longClass(50, 0);
        assertEquals("fp/head/Long", ClassHeader.read(large).name());
        // magic, version 52; pool of 2 entries: #1 Utf8 "X", #2 Class #1; this #2, super #9 (past the pool)
        byte[] small = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 52, 0, 3,
            1, 0, 1, 'X', 7, 0, 1, 0, 0x21, 0, 2, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0};
        assertNull(ClassHeader.read(small));
        small[22] = 0; // no superclass: well formed
        assertEquals("X", ClassHeader.read(small).name());
    }

    @Test
    void aFailingStreamIsAnIoError() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk gone");
            }
        };
        assertThrows(IOException.class, () -> ClassHeader.read(broken, 0));
    }
}
