package sparkyolo.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import sparkyolo.testing.SharedFixtures;
import sparkyolo.util.NpyArray;

class ImageTensorsTest {
    /** A 2x3 image whose pixel (y, x) is B = 10y+x, G = 100+10y+x, R = 200+10y+x. */
    private static Mat gradient() {
        OpenCv.ensureLoaded();
        Mat m = new Mat(2, 3, CvType.CV_8UC3);
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) {
                int v = 10 * y + x;
                m.put(y, x, v, 100 + v, 200 + v);
            }
        }
        return m;
    }

    @Test
    void convertsBgrHwcToRgbChw() {
        float[] t = ImageTensors.toChwRgb(gradient());
        assertEquals(18, t.length);
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) {
                int v = 10 * y + x;
                int i = 3 * y + x;
                assertEquals((200 + v) / 255f, t[i], "R plane first");
                assertEquals((100 + v) / 255f, t[6 + i], "G plane second");
                assertEquals(v / 255f, t[12 + i], "B plane last");
            }
        }
    }

    @Test
    void stacksABatch() {
        Mat a = gradient();
        Mat b = TestImages.solid(2, 3, 0, 0, 255);
        float[] batch = ImageTensors.toNchwRgb(List.of(a, b));
        assertEquals(36, batch.length);
        assertArrayEquals(ImageTensors.toChwRgb(a), java.util.Arrays.copyOfRange(batch, 0, 18));
        assertEquals(1f, batch[18]);
        assertEquals(0f, batch[18 + 6]);
    }

    @Test
    void rejectsABatchOfMixedSizes() {
        assertThrows(IllegalArgumentException.class,
                () -> ImageTensors.toNchwRgb(List.of(gradient(), TestImages.solid(3, 2, 0, 0, 0))));
    }

    @Test
    void readsARegionOfInterest() {
        Mat roi = gradient().submat(0, 2, 1, 3); // not continuous
        float[] t = ImageTensors.toChwRgb(roi);
        assertEquals(201 / 255f, t[0]);
        assertEquals(212 / 255f, t[3]);
        assertEquals(1 / 255f, t[8]);
    }

    /** The letterboxed fixture image becomes exactly the model input the original computed. */
    @Test
    void matchesTheOriginalModelInput() throws IOException {
        Mat lb320 = TestImages.mat(TestImages.letterboxFixture().get("lb320_bgr"));
        NpyArray expected = SharedFixtures.npz("forward.npz").get("x_img_input");
        assertArrayEquals(new long[] {1, 3, 320, 320}, expected.shape());
        assertArrayEquals(expected.toFloats(), ImageTensors.toChwRgb(lb320));
    }
}
