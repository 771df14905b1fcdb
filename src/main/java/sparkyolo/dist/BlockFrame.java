package sparkyolo.dist;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The bytes of one all-reduce block: a 12-byte header (wire format, flags, value count) and the
 * encoded values. The flag bit carries the NaN/Inf signal (see {@link NanSignal}).
 */
final class BlockFrame {
    static final int HEADER_BYTES = 12;
    private static final int FLAG = 1;

    private BlockFrame() {
    }

    /** A new frame of {@code values[off, off + len)}, flagged when a value is NaN/Inf once encoded. */
    static ByteBuffer encode(WireFormat format, float[] values, int off, int len) {
        ByteBuffer frame = ByteBuffer.allocate(HEADER_BYTES + len * format.bytesPerValue()).order(ByteOrder.LITTLE_ENDIAN);
        boolean nonFinite = format.encode(values, off, len, frame, HEADER_BYTES);
        frame.putInt(0, format.ordinal()).putInt(4, nonFinite ? FLAG : 0).putInt(8, len);
        return frame;
    }

    static boolean flagged(ByteBuffer frame) {
        return (frame.order(ByteOrder.LITTLE_ENDIAN).getInt(frame.position() + 4) & FLAG) != 0;
    }

    static void setFlag(ByteBuffer frame, boolean flag) {
        frame.order(ByteOrder.LITTLE_ENDIAN).putInt(frame.position() + 4, flag ? FLAG : 0);
    }

    /**
     * Decodes a frame into {@code dst[off, off + len)}.
     *
     * @return the frame's flag
     * @throws IllegalStateException when the frame is not {@code len} values in {@code format}
     */
    static boolean decode(ByteBuffer frame, WireFormat format, float[] dst, int off, int len, String what) {
        ByteBuffer f = frame.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int at = f.position();
        int formatId = f.getInt(at);
        int count = f.getInt(at + 8);
        if (formatId != format.ordinal() || count != len || f.remaining() != HEADER_BYTES + len * format.bytesPerValue()) {
            throw new IllegalStateException(what + ": expected " + len + " values as " + format + ", got " + count
                    + " values in format #" + formatId + " (" + f.remaining() + " bytes)");
        }
        format.decode(f, at + HEADER_BYTES, dst, off, len);
        return (f.getInt(at + 4) & FLAG) != 0;
    }
}
