package sparkyolo.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

class ImageResizeTest {
    private Mat orig;

    @BeforeEach
    void loadFixture() throws IOException {
        orig = TestImages.mat(TestImages.letterboxFixture().get("orig_bgr")); // 480x640
    }

    @Test
    void shrinksWithInterAreaWithoutAugmentation() {
        ImageResize.Result res = ImageResize.loadImageResize(orig, 256, false);
        assertEquals(480, res.h0());
        assertEquals(640, res.w0());
        assertEquals(192, res.h());
        assertEquals(256, res.w());
        byte[] actual = TestImages.bytes(res.image());
        assertArrayEquals(TestImages.bytes(resized(256, 192, Imgproc.INTER_AREA)), actual);
        assertNotEquals(0, TestImages.maxDiff(TestImages.bytes(resized(256, 192, Imgproc.INTER_LINEAR)), actual),
                "INTER_LINEAR gives a different image, so the test tells the two apart");
    }

    @Test
    void shrinksWithInterLinearWhenAugmenting() {
        ImageResize.Result res = ImageResize.loadImageResize(orig, 256, true);
        assertArrayEquals(TestImages.bytes(resized(256, 192, Imgproc.INTER_LINEAR)), TestImages.bytes(res.image()));
    }

    @Test
    void enlargesWithInterLinear() {
        ImageResize.Result res = ImageResize.loadImageResize(orig, 800, false);
        assertEquals(600, res.h());
        assertEquals(800, res.w());
        assertArrayEquals(TestImages.bytes(resized(800, 600, Imgproc.INTER_LINEAR)), TestImages.bytes(res.image()));
    }

    @Test
    void keepsAnImageThatAlreadyHasTheSize() {
        ImageResize.Result res = ImageResize.loadImageResize(orig, 640, false);
        assertSame(orig, res.image());
        assertEquals(480, res.h());
    }

    /** 99 wide, 100 high at 320: r = 3.2, width 99 * 3.2 = 316.8 truncates to 316 (rounding gives 317). */
    @Test
    void truncatesTheNewSize() {
        ImageResize.Result res = ImageResize.loadImageResize(TestImages.solid(100, 99, 1, 2, 3), 320, false);
        assertEquals(320, res.h());
        assertEquals(316, res.w());
        assertEquals(316, res.image().cols());
    }

    private Mat resized(int w, int h, int interpolation) {
        Mat out = new Mat();
        Imgproc.resize(orig, out, new Size(w, h), 0, 0, interpolation);
        return out;
    }
}
