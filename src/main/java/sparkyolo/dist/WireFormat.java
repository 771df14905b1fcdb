package sparkyolo.dist;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;

/**
 * How float values travel between replicas ({@code --grad-compression none|bf16|fp16}).
 * Gradients may travel as 16-bit values; weights always travel as fp32. Buffers are
 * little-endian and are read and written at absolute positions.
 */
public enum WireFormat {
    /** fp32, exact. */
    NONE(4),
    /** bfloat16: fp32's range, 8 significant bits (relative rounding error <= 2^-8). */
    BF16(2),
    /**
     * IEEE binary16: 11 significant bits (relative rounding error <= 2^-11 for 2^-14 <= |x| < 65520), but
     * |x| >= 65520 overflows to infinity and smaller values lose precision down to zero at 2^-25.
     */
    FP16(2);

    private final int bytes;

    WireFormat(int bytes) {
        this.bytes = bytes;
    }

    /** The format named by {@code --grad-compression}: none, bf16 or fp16. */
    public static WireFormat parse(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "none":
            case "fp32":
                return NONE;
            case "bf16":
                return BF16;
            case "fp16":
                return FP16;
            default:
                throw new IllegalArgumentException("unknown gradient compression '" + name + "' (none, bf16, fp16)");
        }
    }

    public int bytesPerValue() {
        return bytes;
    }

    /**
     * Writes {@code src[off, off + len)} at {@code dst}'s byte {@code at}.
     *
     * @return whether a written value is NaN or infinite (after rounding, so fp16 overflow counts)
     */
    public boolean encode(float[] src, int off, int len, ByteBuffer dst, int at) {
        ByteBuffer out = dst.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        boolean nonFinite = false;
        switch (this) {
            case NONE:
                out.position(at);
                out.asFloatBuffer().put(src, off, len);
                nonFinite = NanSignal.anyNonFinite(src, off, len);
                break;
            case BF16:
                for (int i = 0; i < len; i++) {
                    short h = HalfFloats.toBf16(src[off + i]);
                    nonFinite |= (h & 0x7f80) == 0x7f80;
                    out.putShort(at + 2 * i, h);
                }
                break;
            case FP16:
                for (int i = 0; i < len; i++) {
                    short h = HalfFloats.toFp16(src[off + i]);
                    nonFinite |= (h & 0x7c00) == 0x7c00;
                    out.putShort(at + 2 * i, h);
                }
                break;
            default:
                throw new AssertionError(this);
        }
        return nonFinite;
    }

    /** Reads {@code len} values at {@code src}'s byte {@code at} into {@code dst[off, off + len)}. */
    public void decode(ByteBuffer src, int at, float[] dst, int off, int len) {
        ByteBuffer in = src.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        switch (this) {
            case NONE:
                in.position(at);
                in.asFloatBuffer().get(dst, off, len);
                break;
            case BF16:
                for (int i = 0; i < len; i++) {
                    dst[off + i] = HalfFloats.fromBf16(in.getShort(at + 2 * i));
                }
                break;
            case FP16:
                for (int i = 0; i < len; i++) {
                    dst[off + i] = HalfFloats.fromFp16(in.getShort(at + 2 * i));
                }
                break;
            default:
                throw new AssertionError(this);
        }
    }
}
