package sparkyolo.weights;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Writes pickle opcodes by hand, so tests control exactly which opcodes a stream uses. */
final class PickleBuilder {
    static final char NEWOBJ = 0x81;
    static final char TUPLE1 = 0x85;
    static final char TUPLE2 = 0x86;
    static final char TUPLE3 = 0x87;
    static final char NEWTRUE = 0x88;
    static final char NEWFALSE = 0x89;
    static final char STACK_GLOBAL = 0x93;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    PickleBuilder op(char opcode) {
        out.write(opcode);
        return this;
    }

    PickleBuilder op(int opcode, int oneByteArgument) {
        out.write(opcode);
        out.write(oneByteArgument);
        return this;
    }

    PickleBuilder proto(int protocol) {
        return op(0x80, protocol);
    }

    /** GLOBAL: {@code c module\nname\n}. */
    PickleBuilder global(String module, String name) {
        out.write('c');
        return text(module + "\n" + name + "\n");
    }

    /** An opcode followed by a text argument line. */
    PickleBuilder line(char opcode, String argument) {
        out.write(opcode);
        return text(argument + "\n");
    }

    /** BINUNICODE. */
    PickleBuilder str(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.write('X');
        le4(utf8.length);
        out.writeBytes(utf8);
        return this;
    }

    /** BININT1, BININT2 or BININT, whichever fits (as Python writes them). */
    PickleBuilder integer(int v) {
        if (v >= 0 && v < 256) {
            return op('K', v);
        }
        if (v >= 0 && v < 65536) {
            out.write('M');
            out.write(v & 0xff);
            out.write(v >>> 8);
            return this;
        }
        out.write('J');
        return le4(v);
    }

    /** BINFLOAT (big-endian). */
    PickleBuilder binfloat(double v) {
        out.write('G');
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putDouble(v).array());
        return this;
    }

    PickleBuilder binput(int index) {
        return op('q', index);
    }

    PickleBuilder binget(int index) {
        return op('h', index);
    }

    PickleBuilder longBinput(int index) {
        out.write('r');
        return le4(index);
    }

    PickleBuilder longBinget(int index) {
        out.write('j');
        return le4(index);
    }

    PickleBuilder stop() {
        return op('.');
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    private PickleBuilder text(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
        return this;
    }

    private PickleBuilder le4(int v) {
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
        return this;
    }
}
