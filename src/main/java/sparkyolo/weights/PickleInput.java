package sparkyolo.weights;

import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads the encodings of a pickle stream's opcode arguments from a byte array. */
final class PickleInput {
    private final byte[] bytes;
    private final ByteBuffer le;
    private int pos;

    PickleInput(byte[] bytes) {
        this.bytes = bytes;
        this.le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    int position() {
        return pos;
    }

    private int advance(long n) throws EOFException {
        if (n < 0 || n > bytes.length - pos) {
            throw new EOFException("pickle data truncated (needs " + n + " more bytes at byte " + pos + ")");
        }
        int at = pos;
        pos += (int) n;
        return at;
    }

    int u1() throws EOFException {
        return bytes[advance(1)] & 0xff;
    }

    int u2() throws EOFException {
        return le.getShort(advance(2)) & 0xffff;
    }

    int i4() throws EOFException {
        return le.getInt(advance(4));
    }

    long u4() throws EOFException {
        return le.getInt(advance(4)) & 0xffffffffL;
    }

    /** An 8-byte length; values beyond {@code long} range are reported as truncation. */
    long u8() throws EOFException {
        return le.getLong(advance(8));
    }

    /** BINFLOAT is the one big-endian encoding in pickle. */
    double f8be() throws EOFException {
        return ByteBuffer.wrap(bytes, advance(8), 8).order(ByteOrder.BIG_ENDIAN).getDouble();
    }

    byte[] bytes(long n) throws EOFException {
        int at = advance(n);
        return Arrays.copyOfRange(bytes, at, at + (int) n);
    }

    String string(long n, Charset charset) throws EOFException {
        int at = advance(n);
        return new String(bytes, at, (int) n, charset);
    }

    /** The bytes up to the next newline (consumed, not returned), as Latin-1 so bytes map to chars 1:1. */
    String line() throws EOFException {
        int end = pos;
        while (end < bytes.length && bytes[end] != '\n') {
            end++;
        }
        if (end == bytes.length) {
            throw new EOFException("pickle data truncated (line at byte " + pos + " has no end)");
        }
        String s = new String(bytes, pos, end - pos, StandardCharsets.ISO_8859_1);
        pos = end + 1;
        return s;
    }
}
