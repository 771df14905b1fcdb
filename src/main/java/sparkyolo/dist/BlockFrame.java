package sparkyolo.dist;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.spark.unsafe.Platform;

/** The bytes of one all-reduce block: an 8-byte header (wire format, value count) and the encoded values. */
final class BlockFrame {
    static final int HEADER_BYTES = 8;

    private BlockFrame() {
    }

    /** The size of a frame of {@code len} values. */
    static int bytes(WireFormat format, int len) {
        return HEADER_BYTES + len * format.bytesPerValue();
    }

    /**
     * A new frame of {@code values[off, off + len)}. It lives outside the Java heap, as a block to
     * send should: Netty writes it to the socket without a copy, and Spark frees it when the block
     * is removed.
     */
    static ByteBuffer encode(WireFormat format, float[] values, int off, int len) {
        ByteBuffer frame = Platform.allocateDirectBuffer(bytes(format, len));
        format.encode(values, off, len, frame, HEADER_BYTES);
        frame.order(ByteOrder.LITTLE_ENDIAN).putInt(0, format.ordinal()).putInt(4, len);
        return frame;
    }

    /**
     * Decodes a frame into {@code dst[off, off + len)}.
     *
     * @throws IllegalStateException when the frame is not {@code len} values in {@code format}
     */
    static void decode(ByteBuffer frame, WireFormat format, float[] dst, int off, int len, String what) {
        FrameDecoder decoder = new FrameDecoder(format, dst, off, len, what);
        decoder.accept(frame);
        decoder.finish();
    }
}
