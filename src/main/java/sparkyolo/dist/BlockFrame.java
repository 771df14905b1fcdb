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
    static final int FLAG = 1;

    private BlockFrame() {
    }

    /** The size of a frame of {@code len} values. */
    static int bytes(WireFormat format, int len) {
        return HEADER_BYTES + len * format.bytesPerValue();
    }

    /**
     * A frame of {@code values[off, off + len)}, flagged when a value is NaN/Inf once encoded.
     *
     * @param reuse a heap frame to overwrite when it is large enough; null for a new frame outside
     *              the Java heap, which is what a block to send should be (Netty writes it to the
     *              socket without a copy, and Spark frees it when the block is removed)
     */
    static ByteBuffer encode(WireFormat format, float[] values, int off, int len, ByteBuffer reuse) {
        int bytes = bytes(format, len);
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
        boolean[] flag = new boolean[1];
        FrameDecoder decoder = new FrameDecoder(format, dst, off, len, what, () -> flag[0] = true);
        decoder.accept(frame);
        decoder.finish();
        return flag[0];
    }
}
