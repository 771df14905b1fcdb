package sparkyolo.dist;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import sparkyolo.util.HalfFloats;
import sparkyolo.util.InvalidOptionException;

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
    @JsonCreator
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
                throw new InvalidOptionException("--grad-compression", "must be none, bf16 or fp16, got '" + name + "'");
        }
    }

    /** As {@code --grad-compression} spells it. */
    @JsonValue
    @Override
    public String toString() {
        return this == NONE ? "none" : name().toLowerCase(Locale.ROOT);
    }

    public int bytesPerValue() {
        return bytes;
    }

    /** Writes {@code src[off, off + len)} at {@code dst}'s byte {@code at}. */
    public void encode(float[] src, int off, int len, ByteBuffer dst, int at) {
        if (this == NONE) {
            putFloats(src, off, len, dst, at);
            return;
        }
        ByteBuffer out = dst.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < len; i++) {
            out.putShort(at + 2 * i, toHalf(src[off + i]));
        }
    }

    /**
     * What {@link #encode} and then {@link #decode} would give, without the bytes in between:
     * {@code src[off, off + len)} rounded to this format, into {@code dst[dstOff, dstOff + len)}.
     */
    public void round(float[] src, int off, int len, float[] dst, int dstOff) {
        if (this == NONE) {
            System.arraycopy(src, off, dst, dstOff, len);
            return;
        }
        for (int i = 0; i < len; i++) {
            dst[dstOff + i] = fromHalf(toHalf(src[off + i]));
        }
    }

    /** Writes {@code src[off, off + len)} as little-endian fp32 at {@code dst}'s byte {@code at}, in one bulk copy. */
    static void putFloats(float[] src, int off, int len, ByteBuffer dst, int at) {
        dst.duplicate().order(ByteOrder.LITTLE_ENDIAN).position(at).asFloatBuffer().put(src, off, len);
    }

    /** Reads {@code len} values at {@code src}'s byte {@code at} into {@code dst[off, off + len)}. */
    public void decode(ByteBuffer src, int at, float[] dst, int off, int len) {
        ByteBuffer in = src.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (this == NONE) {
            in.position(at).asFloatBuffer().get(dst, off, len);
            return;
        }
        for (int i = 0; i < len; i++) {
            dst[off + i] = fromHalf(in.getShort(at + 2 * i));
        }
    }

    /** The 16-bit bits of {@code f} in this format (BF16 or FP16). */
    private short toHalf(float f) {
        return this == BF16 ? HalfFloats.toBf16(f) : HalfFloats.toFp16(f);
    }

    private float fromHalf(short h) {
        return this == BF16 ? HalfFloats.fromBf16(h) : HalfFloats.fromFp16(h);
    }
}
