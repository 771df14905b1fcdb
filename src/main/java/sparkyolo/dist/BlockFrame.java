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
     * A new frame of {@code values[off, off + len)}, flagged when a value is NaN/Inf once encoded.
     * It lives outside the Java heap, as a block to send should: Netty writes it to the socket
     * without a copy, and Spark frees it when the block is removed.
     */
    static ByteBuffer encode(WireFormat format, float[] values, int off, int len) {
        ByteBuffer frame = newDirect(bytes(format, len));
        boolean nonFinite = format.encode(values, off, len, frame, HEADER_BYTES);
        return withHeader(frame, format, nonFinite, len);
    }

    /**
     * A new fp32 frame (outside the Java heap) of {@code values[off, off + len)} with the given
     * flag, which the values are not checked for: an owner's updated weights, flagged when the
     * owner skipped the step.
     */
    static ByteBuffer weights(float[] values, int off, int len, boolean flag) {
        ByteBuffer frame = newDirect(bytes(WireFormat.NONE, len));
        WireFormat.putFloats(values, off, len, frame, HEADER_BYTES);
        return withHeader(frame, WireFormat.NONE, flag, len);
    }

    /** Not zeroed (every byte is written), unlike ByteBuffer.allocateDirect. */
    private static ByteBuffer newDirect(int bytes) {
        return Platform.allocateDirectBuffer(bytes);
    }

    private static ByteBuffer withHeader(ByteBuffer frame, WireFormat format, boolean flag, int len) {
        frame.order(ByteOrder.LITTLE_ENDIAN).putInt(0, format.ordinal()).putInt(4, flag ? FLAG : 0).putInt(8, len);
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
