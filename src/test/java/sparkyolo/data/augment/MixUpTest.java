package sparkyolo.data.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import sparkyolo.image.OpenCv;

class MixUpTest {
    /** Every pixel is {@code (int) (a * r + b * (1 - r))} in double, as numpy's astype(uint8) truncates. */
    @Test
    void blendsPixelsAndTruncatesLikeNumpy() {
        OpenCv.ensureLoaded();
        Mat a = new Mat(20, 30, CvType.CV_8UC3);
        Mat b = new Mat(20, 30, CvType.CV_8UC3);
        Core.randu(a, 0, 256);
        Core.randu(b, 0, 256);
        byte[] pa = Scenes.bytes(a);
        byte[] pb = Scenes.bytes(b);
        for (double r : new double[] {0.5, 0.4375, 0.61803398875}) {
            LabelledImage out = MixUp.blend(new LabelledImage(a.clone(), new double[0][], "a"),
                    new LabelledImage(b.clone(), new double[0][], "b"), r);
            byte[] actual = Scenes.bytes(out.image());
            for (int i = 0; i < actual.length; i++) {
                int expected = (int) ((pa[i] & 0xff) * r + (pb[i] & 0xff) * (1 - r));
                assertEquals(expected, actual[i] & 0xff, "byte " + i + " at r = " + r);
            }
        }
    }

    @Test
    void keepsTheLabelsOfBothImagesFirstThenSecond() {
        OpenCv.ensureLoaded();
        double[] la = {1, 10, 10, 20, 20};
        double[] lb1 = {2, 30, 30, 40, 40};
        double[] lb2 = {3, 0, 0, 5, 5};
        LabelledImage out = MixUp.blend(
                new LabelledImage(new Mat(50, 50, CvType.CV_8UC3, Scalar.all(0)), new double[][] {la}, "a"),
                new LabelledImage(new Mat(50, 50, CvType.CV_8UC3, Scalar.all(0)), new double[][] {lb1, lb2}, "b"),
                0.5);
        assertEquals(3, out.labels().length);
        assertSame(la, out.labels()[0]);
        assertArrayEquals(lb1, out.labels()[1]);
        assertArrayEquals(lb2, out.labels()[2]);
        assertEquals("a", out.name());
    }
}
