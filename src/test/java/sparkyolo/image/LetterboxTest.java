package sparkyolo.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencv.core.Mat;
import sparkyolo.util.NpyArray;

class LetterboxTest {
    @ParameterizedTest
    @ValueSource(ints = {320, 640})
    void matchesTheOriginalOnTheFixture(int size) throws IOException {
        Map<String, NpyArray> fx = TestImages.letterboxFixture();
        Mat orig = TestImages.mat(fx.get("orig_bgr"));
        Letterbox.Result lb = Letterbox.apply(orig, size, false, true);

        NpyArray expected = fx.get("lb" + size + "_bgr");
        assertEquals(expected.shape()[0], lb.image().rows());
        assertEquals(expected.shape()[1], lb.image().cols());
        byte[] actual = TestImages.bytes(lb.image());
        assertEquals(0, TestImages.maxDiff(expected.toBytes(), actual), "max pixel difference");
        assertArrayEquals(fx.get("lb" + size + "_ratio").toDoubles(), new double[] {lb.ratioW(), lb.ratioH()});
        assertArrayEquals(fx.get("lb" + size + "_pad").toDoubles(), new double[] {lb.padW(), lb.padH()});
    }

    @Test
    void autoKeepsAStrideMultipleImageUnpadded() {
        Letterbox.Result lb = Letterbox.apply(TestImages.solid(480, 640, 1, 2, 3), 640, true, true);
        assertEquals(480, lb.image().rows());
        assertEquals(640, lb.image().cols());
        assertEquals(1.0, lb.ratioW());
        assertEquals(0.0, lb.padW());
        assertEquals(0.0, lb.padH());
    }

    /**
     * 1000x333 to 640: r = 0.64, resized 640x213 (213.12 rounded); auto pads 427 mod 32 = 11 rows,
     * 5.5 per side: top round(5.4) = 5, bottom round(5.6) = 6, giving 640x224 = 7 strides.
     */
    @Test
    void autoPadsToTheNextStrideMultiple() {
        Letterbox.Result lb = Letterbox.apply(TestImages.solid(333, 1000, 10, 20, 30), 640, true, true);
        assertEquals(224, lb.image().rows());
        assertEquals(640, lb.image().cols());
        assertEquals(0.64, lb.ratioH());
        assertEquals(0.0, lb.padW());
        assertEquals(5.5, lb.padH());
        assertRows(lb.image(), 0, 5, 114);
        assertRows(lb.image(), 5, 218, 10);
        assertRows(lb.image(), 218, 224, 114);
    }

    /** Same image without auto: 427 rows of padding, top round(213.4) = 213, bottom round(213.6) = 214. */
    @Test
    void fixedShapeSplitsOddPaddingLikeTheOriginal() {
        Letterbox.Result lb = Letterbox.apply(TestImages.solid(333, 1000, 10, 20, 30), 640, false, true);
        assertEquals(640, lb.image().rows());
        assertEquals(213.5, lb.padH());
        assertRows(lb.image(), 0, 213, 114);
        assertRows(lb.image(), 213, 426, 10);
        assertRows(lb.image(), 426, 640, 114);
    }

    /** 100x25 to 50: r = 0.5, height 12.5 rounds half-to-even to 12 (Math.round would give 13). */
    @Test
    void roundsHalfToEven() {
        Letterbox.Result lb = Letterbox.apply(TestImages.solid(25, 100, 10, 20, 30), 50, false, true);
        assertEquals(19.0, lb.padH());
        assertRows(lb.image(), 0, 19, 114);
        assertRows(lb.image(), 19, 31, 10);
        assertRows(lb.image(), 31, 50, 114);
    }

    @Test
    void withoutScaleupSmallImagesAreOnlyPadded() {
        Letterbox.Result lb = Letterbox.apply(TestImages.solid(50, 100, 10, 20, 30), 640, false, false);
        assertEquals(1.0, lb.ratioW());
        assertEquals(270.0, lb.padW());
        assertEquals(295.0, lb.padH());
        assertEquals(114, lb.image().get(294, 300)[0]);
        assertEquals(10, lb.image().get(295, 300)[0]);
        assertEquals(10, lb.image().get(344, 300)[0]);
        assertEquals(114, lb.image().get(345, 300)[0]);
        assertEquals(114, lb.image().get(300, 269)[0]);
        assertEquals(10, lb.image().get(300, 270)[0]);
        assertEquals(10, lb.image().get(300, 369)[0]);
        assertEquals(114, lb.image().get(300, 370)[0]);
    }

    @Test
    void scaleFillStretchesWithoutPadding() {
        Letterbox.Result lb = Letterbox.apply(TestImages.solid(50, 100, 10, 20, 30), 40, 60,
                Letterbox.DEFAULT_COLOR, false, true, true, Letterbox.DEFAULT_STRIDE);
        assertEquals(40, lb.image().rows());
        assertEquals(60, lb.image().cols());
        assertEquals(0.6, lb.ratioW());
        assertEquals(0.8, lb.ratioH());
        assertEquals(0.0, lb.padW());
        assertRows(lb.image(), 0, 40, 10);
    }

    /** Every pixel of rows [from, to) has blue value {@code blue}. */
    private static void assertRows(Mat image, int from, int to, int blue) {
        byte[] row = new byte[image.cols() * 3];
        for (int y = from; y < to; y++) {
            image.get(y, 0, row);
            for (int x = 0; x < image.cols(); x++) {
                assertEquals(blue, row[3 * x] & 0xff, "pixel (" + y + ", " + x + ")");
            }
        }
    }
}
