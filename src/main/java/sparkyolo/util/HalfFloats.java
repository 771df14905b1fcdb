package sparkyolo.util;

/** Conversions between float and the 16-bit formats bfloat16 and IEEE binary16, rounding to nearest even. */
public final class HalfFloats {
    private HalfFloats() {
    }

    /** bfloat16 bits: the upper half of the float, rounded to nearest even; NaN stays a (quiet) NaN. */
    public static short toBf16(float f) {
        int bits = Float.floatToRawIntBits(f);
        if ((bits & 0x7fffffff) > 0x7f800000) {
            return (short) ((bits >>> 16) | 0x0040);
        }
        // A carry out of the kept mantissa bits rounds into the exponent: this also turns values
        // above bfloat16's largest finite value into infinity.
        return (short) ((bits + 0x7fff + ((bits >>> 16) & 1)) >>> 16);
    }

    public static float fromBf16(short h) {
        return Float.intBitsToFloat((h & 0xffff) << 16);
    }

    /** binary16 bits: overflow (|f| >= 65520) gives infinity, |f| <= 2^-25 gives zero, smaller normals become subnormal. */
    public static short toFp16(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int abs = bits & 0x7fffffff;
        if (abs > 0x7f800000) {
            return (short) (sign | 0x7e00);
        }
        if (abs >= 0x477ff000) {
            return (short) (sign | 0x7c00);
        }
        if (abs >= 0x38800000) {
            // Normal in binary16: rebias the exponent (127 -> 15) and keep the top 10 mantissa bits.
            return (short) (sign | roundShift(abs - 0x38000000, 13));
        }
        if (abs <= 0x33000000) {
            return (short) sign;
        }
        // Subnormal in binary16: the value in units of 2^-24, from the significand with its hidden bit.
        int significand = (abs & 0x7fffff) | 0x800000;
        return (short) (sign | roundShift(significand, 126 - (abs >>> 23)));
    }

    public static float fromFp16(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float v = mantissa * 0x1p-24f;
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    /** {@code f} rounded to the nearest binary16 value, as PyTorch's {@code tensor.half().float()}. */
    public static float roundToFp16(float f) {
        return fromFp16(toFp16(f));
    }

    /** {@code value >>> shift}, rounded to nearest even on the dropped bits (a carry may reach the exponent). */
    private static int roundShift(int value, int shift) {
        int kept = value >>> shift;
        int dropped = value & ((1 << shift) - 1);
        int half = 1 << (shift - 1);
        if (dropped > half || (dropped == half && (kept & 1) != 0)) {
            kept++;
        }
        return kept;
    }
}
