package sparkyolo.dist;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.spark.unsafe.Platform;

/**
 * The bytes of one all-reduce block: a 12-byte header (wire format, flags, value count) and the
 * encoded values. The flag bit carries the NaN/Inf signal (see {@link NanSignal}).
 */
final class BlockFrame {
    static final int HEADER_BYTES = 12;
    private static final int FLAG = 1;

    private BlockFrame() {
    }

    /**
     * A frame of {@code values[off, off + len)}, flagged when a value is NaN/Inf once encoded.
     *
     * @param reuse a heap frame to overwrite when it is large enough; null for a new frame outside
     *              the Java heap, which is what a block to send should be (Netty writes it to the
     *              socket without a copy, and Spark frees it when the block is removed)
     */
    static ByteBuffer encode(WireFormat format, float[] values, int off, int len, ByteBuffer reuse) {
        int bytes = HEADER_BYTES + len * format.bytesPerValue();
        ByteBuffer frame;
        if (reuse == null) {
            // Not zeroed (every byte is written below), unlike ByteBuffer.allocateDirect.
            frame = Platform.allocateDirectBuffer(bytes);
        } else {
            frame = reuse.capacity() >= bytes ? reuse.clear().limit(bytes) : ByteBuffer.allocate(bytes);
        }
        frame.order(ByteOrder.LITTLE_ENDIAN);
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
        return decode(new ByteBuffer[] {frame}, format, dst, off, len, what);
    }

    /**
     * Decodes a frame that arrived in pieces (the buffers Netty read it into), without joining
     * them: a value cut by a piece boundary is put together in a small buffer.
     */
    static boolean decode(ByteBuffer[] pieces, WireFormat format, float[] dst, int off, int len, String what) {
        long bytes = 0;
        for (ByteBuffer p : pieces) {
            bytes += p.remaining();
        }
        int width = format.bytesPerValue();
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer cut = ByteBuffer.allocate(width).order(ByteOrder.LITTLE_ENDIAN);
        int done = 0;
        for (ByteBuffer piece : pieces) {
            ByteBuffer p = piece.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            while (header.hasRemaining() && p.hasRemaining()) {
                header.put(p.get());
                if (!header.hasRemaining()) {
                    checkHeader(header, format, len, bytes, what);
                }
            }
            if (cut.position() > 0) {
                while (cut.hasRemaining() && p.hasRemaining()) {
                    cut.put(p.get());
                }
                if (!cut.hasRemaining()) {
                    format.decode(cut, 0, dst, off + done++, 1);
                    cut.clear();
                }
            }
            int whole = Math.min(p.remaining() / width, len - done);
            format.decode(p, p.position(), dst, off + done, whole);
            done += whole;
            p.position(p.position() + whole * width);
            cut.put(p);
        }
        if (header.hasRemaining()) {
            checkHeader(header, format, len, bytes, what);
        }
        return (header.getInt(4) & FLAG) != 0;
    }

    private static void checkHeader(ByteBuffer header, WireFormat format, int len, long bytes, String what) {
        int formatId = header.position() == HEADER_BYTES ? header.getInt(0) : -1;
        int count = header.position() == HEADER_BYTES ? header.getInt(8) : -1;
        if (formatId != format.ordinal() || count != len || bytes != HEADER_BYTES + (long) len * format.bytesPerValue()) {
            throw new IllegalStateException(what + ": expected " + len + " values as " + format + ", got " + count
                    + " values in format #" + formatId + " (" + bytes + " bytes)");
        }
    }
}
