package sparkyolo.util;

import sparkyolo.util.HalfFloats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HalfFloatsTest {

    @Test
    void everyBf16ValueRoundTripsExactly() {
        for (int bits = 0; bits < 0x10000; bits++) {
            float v = HalfFloats.fromBf16((short) bits);
            short back = HalfFloats.toBf16(v);
            if (Float.isNaN(v)) {
                assertTrue(Float.isNaN(HalfFloats.fromBf16(back)));
            } else {
                assertEquals(bits, back & 0xffff, "bf16 bits " + Integer.toHexString(bits));
            }
        }
    }

    @Test
    void everyFp16ValueRoundTripsExactly() {
        for (int bits = 0; bits < 0x10000; bits++) {
            float v = HalfFloats.fromFp16((short) bits);
            short back = HalfFloats.toFp16(v);
            if (Float.isNaN(v)) {
                assertTrue(Float.isNaN(HalfFloats.fromFp16(back)));
            } else {
                assertEquals(bits, back & 0xffff, "fp16 bits " + Integer.toHexString(bits));
            }
        }
    }

    @Test
    void fp16DecodesKnownValues() {
        assertEquals(1.0f, HalfFloats.fromFp16((short) 0x3c00));
        assertEquals(65504f, HalfFloats.fromFp16((short) 0x7bff));
        assertEquals(0x1p-24f, HalfFloats.fromFp16((short) 0x0001));
        assertEquals(0x1p-14f, HalfFloats.fromFp16((short) 0x0400));
        assertEquals(-2f, HalfFloats.fromFp16((short) 0xc000));
        assertEquals(Float.NEGATIVE_INFINITY, HalfFloats.fromFp16((short) 0xfc00));
    }

    /** Random floats land on the nearer of their two neighbours in the 16-bit format. */
    @Test
    void roundsToNearest() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            float x = Float.intBitsToFloat(random.nextInt()) ;
            if (!Float.isFinite(x)) {
                continue;
            }
            checkNearest(x, HalfFloats.toBf16(x), true);
            if (Math.abs(x) < 65504f) {
                checkNearest(x, HalfFloats.toFp16(x), false);
            }
        }
    }

    private static void checkNearest(float x, short h, boolean bf16) {
        double r = decode(h, bf16);
        // The neighbours of r in the direction of x: the next representable value away from r.
        double next = decode((short) (h + (Math.abs(x) > Math.abs(r) ? 1 : -1)), bf16);
        if (Double.isInfinite(r) || Double.isNaN(next)) {
            return;
        }
        double err = Math.abs(x - r);
        assertTrue(err <= Math.abs(x - next), () -> x + " became " + r + ", but " + next + " is nearer");
    }

    private static double decode(short h, boolean bf16) {
        return bf16 ? HalfFloats.fromBf16(h) : HalfFloats.fromFp16(h);
    }

    @Test
    void tiesGoToEven() {
        // bf16: 1 + 2^-8 is halfway between 1 and 1 + 2^-7 -> 1 (even); 1 + 3*2^-8 -> 1 + 2^-6 (even).
        assertEquals(1f, HalfFloats.fromBf16(HalfFloats.toBf16(1f + 0x1p-8f)));
        assertEquals(1f + 0x1p-6f, HalfFloats.fromBf16(HalfFloats.toBf16(1f + 3 * 0x1p-8f)));
        // fp16: same with 2^-11 steps.
        assertEquals(1f, HalfFloats.fromFp16(HalfFloats.toFp16(1f + 0x1p-11f)));
        assertEquals(1f + 0x1p-9f, HalfFloats.fromFp16(HalfFloats.toFp16(1f + 3 * 0x1p-11f)));
        // fp16 subnormals: 2^-25 ties to 0, 3 * 2^-25 to 2 * 2^-24.
        assertEquals(0f, HalfFloats.fromFp16(HalfFloats.toFp16(0x1p-25f)));
        assertEquals(0x1p-23f, HalfFloats.fromFp16(HalfFloats.toFp16(3 * 0x1p-25f)));
    }

    @Test
    void overflowsAndSpecialValues() {
        assertEquals(65504f, HalfFloats.fromFp16(HalfFloats.toFp16(65519f)));
        assertEquals(Float.POSITIVE_INFINITY, HalfFloats.fromFp16(HalfFloats.toFp16(65520f)));
        assertEquals(Float.NEGATIVE_INFINITY, HalfFloats.fromFp16(HalfFloats.toFp16(-1e6f)));
        assertEquals(Float.POSITIVE_INFINITY, HalfFloats.fromBf16(HalfFloats.toBf16(Float.MAX_VALUE)));
        assertEquals(Float.NEGATIVE_INFINITY, HalfFloats.fromBf16(HalfFloats.toBf16(Float.NEGATIVE_INFINITY)));
        assertTrue(Float.isNaN(HalfFloats.fromBf16(HalfFloats.toBf16(Float.NaN))));
        assertTrue(Float.isNaN(HalfFloats.fromFp16(HalfFloats.toFp16(Float.NaN))));
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(HalfFloats.fromFp16(HalfFloats.toFp16(-0f))));
        assertEquals(0x1p-14f, HalfFloats.fromFp16(HalfFloats.toFp16(0x1p-14f - 0x1p-26f)), "rounds up into the normals");
    }
}
