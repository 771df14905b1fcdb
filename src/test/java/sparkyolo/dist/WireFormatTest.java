package sparkyolo.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WireFormatTest {

    private static float[] gradientLike(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            // Magnitudes from 1e-6 to 1e2, both signs, like gradients.
            v[i] = (float) ((random.nextBoolean() ? 1 : -1) * Math.pow(10, random.nextDouble(-6, 2)));
        }
        return v;
    }

    private static float[] roundTrip(WireFormat format, float[] v) {
        ByteBuffer frame = BlockFrame.encode(format, v, 0, v.length);
        assertEquals(BlockFrame.HEADER_BYTES + v.length * format.bytesPerValue(), frame.remaining());
        float[] back = new float[v.length];
        BlockFrame.decode(frame, format, back, 0, v.length, "test");
        return back;
    }

    @Test
    void fp32IsExact() {
        float[] v = gradientLike(10_001, 1);
        assertArrayEquals(v, roundTrip(WireFormat.NONE, v));
    }

    @Test
    void halfFormatsAreExactForRepresentableValues() {
        float[] v = {0f, -0f, 1f, -2.5f, 0.15625f, 1024f, 3.0517578e-5f, -61440f};
        assertArrayEquals(v, roundTrip(WireFormat.BF16, v));
        assertArrayEquals(v, roundTrip(WireFormat.FP16, v));
    }

    @Test
    void halfFormatsStayWithinTheirRoundingBounds() {
        float[] v = gradientLike(100_000, 2);
        float[] bf16 = roundTrip(WireFormat.BF16, v);
        float[] fp16 = roundTrip(WireFormat.FP16, v);
        for (int i = 0; i < v.length; i++) {
            double a = Math.abs(v[i]);
            assertTrue(Math.abs(bf16[i] - v[i]) <= 0x1p-8 * a, "bf16 of " + v[i] + " = " + bf16[i]);
            // fp16: relative 2^-11 in the normal range, absolute half a subnormal step (2^-25) below it.
            double bound = a >= 0x1p-14 ? 0x1p-11 * a : 0x1p-25;
            assertTrue(Math.abs(fp16[i] - v[i]) <= bound, "fp16 of " + v[i] + " = " + fp16[i]);
        }
    }

    @Test
    void roundingInPlaceGivesWhatTheWireGives() {
        float[] special = {Float.NaN, Float.POSITIVE_INFINITY, -0f, 70_000f, 1e-7f, 3e-8f, Float.MIN_VALUE, 65519f};
        float[] random = gradientLike(5_000, 3);
        for (WireFormat format : WireFormat.values()) {
            for (float[] v : List.of(special, random)) {
                ByteBuffer frame = BlockFrame.encode(format, v, 0, v.length);
                float[] wire = new float[v.length];
                BlockFrame.decode(frame, format, wire, 0, v.length, "wire");
                float[] rounded = new float[v.length + 1];
                format.round(v, 0, v.length, rounded, 1);
                assertArrayEquals(wire, Arrays.copyOfRange(rounded, 1, rounded.length), format.name());
            }
        }
    }

    @Test
    void fp32FramesCarryNonFiniteValuesAsTheyAre() {
        float[] weights = {1f, Float.NaN, -2.5f, 3e38f};
        float[] out = new float[3];
        BlockFrame.decode(BlockFrame.encode(WireFormat.NONE, weights, 1, 3), WireFormat.NONE, out, 0, 3, "weights");
        assertArrayEquals(new float[] {Float.NaN, -2.5f, 3e38f}, out);
    }

    @Test
    void decodeChecksFormatAndLength() {
        ByteBuffer frame = BlockFrame.encode(WireFormat.BF16, new float[4], 0, 4);
        assertThrows(IllegalStateException.class,
                () -> BlockFrame.decode(frame, WireFormat.FP16, new float[4], 0, 4, "test"));
        assertThrows(IllegalStateException.class,
                () -> BlockFrame.decode(frame, WireFormat.BF16, new float[5], 0, 5, "test"));
    }

    @Test
    void aFrameInPiecesDecodesAsInOneBuffer() {
        float[] v = gradientLike(101, 7);
        for (WireFormat format : WireFormat.values()) {
            ByteBuffer frame = BlockFrame.encode(format, v, 0, v.length);
            float[] whole = new float[v.length];
            BlockFrame.decode(frame, format, whole, 0, v.length, "whole");
            // Cuts inside the header, inside values and between values, and an empty piece.
            int[] cuts = {0, 5, 8, 9, 10, 13, 100, 100, 203, frame.remaining()};
            ByteBuffer[] pieces = new ByteBuffer[cuts.length - 1];
            for (int i = 0; i < pieces.length; i++) {
                pieces[i] = frame.duplicate().position(cuts[i]).limit(Math.max(cuts[i], Math.min(cuts[i + 1], frame.remaining())));
            }
            float[] joined = new float[v.length];
            decodePieces(pieces, format, joined);
            assertArrayEquals(whole, joined, format.toString());
        }
    }

    @Test
    void piecesOfTheWrongLengthAreRefused() {
        ByteBuffer frame = BlockFrame.encode(WireFormat.NONE, new float[4], 0, 4);
        ByteBuffer[] short3 = {frame.duplicate().limit(10), frame.duplicate().position(10).limit(frame.remaining() - 4)};
        assertThrows(IllegalStateException.class, () -> decodePieces(short3, WireFormat.NONE, new float[4]));
        ByteBuffer[] oneTooMany = {frame.duplicate(), ByteBuffer.allocate(4)};
        assertThrows(IllegalStateException.class, () -> decodePieces(oneTooMany, WireFormat.NONE, new float[4]));
    }

    @Test
    void nothingIsWrittenPastAWrongHeader() {
        ByteBuffer fiveValues = BlockFrame.encode(WireFormat.NONE, new float[] {1, 2, 3, 4, 5}, 0, 5);
        float[] dst = new float[4];
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> decodePieces(new ByteBuffer[] {fiveValues}, WireFormat.NONE, dst));
        assertTrue(e.getMessage().contains("expected 4 values as none, got 5 values"), e.getMessage());
        assertArrayEquals(new float[4], dst);
    }

    /** Feeds the pieces one by one, as the network does. */
    private static void decodePieces(ByteBuffer[] pieces, WireFormat format, float[] dst) {
        FrameDecoder decoder = new FrameDecoder(format, dst, 0, dst.length, "test");
        for (ByteBuffer piece : pieces) {
            decoder.accept(piece);
        }
        decoder.finish();
    }

    @Test
    void parsesTheCommandLineNames() {
        assertEquals(WireFormat.NONE, WireFormat.parse("none"));
        assertEquals(WireFormat.BF16, WireFormat.parse("BF16"));
        assertEquals(WireFormat.FP16, WireFormat.parse("fp16"));
        assertThrows(IllegalArgumentException.class, () -> WireFormat.parse("int8"));
    }
}
