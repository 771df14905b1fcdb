package sparkyolo.data.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * With every augmentation off a training sample is the plain letterbox of the image: 640×480 at
 * 320 is halved to 320×240 and padded with 40 rows of 114 above and below.
 */
class NoAugmentationTest {
    private static final int SIZE = 320;
    private static final int PAD = 40;
    private static final ImageSource SOURCE = Scenes.source();

    @Test
    void augmentingWithEverythingOffIsThePlainLetterbox() {
        SampleFactory samples = new SampleFactory(SOURCE, SIZE, true, AugmentParams.none(), 11);
        for (int k = 0; k < Scenes.SCENES; k++) {
            assertLetterboxed(samples.sample(3, k), Scenes.scene(k), Imgproc.INTER_LINEAR);
        }
    }

    /** The validation-like path shrinks with INTER_AREA, as the original's load_image without augment. */
    @Test
    void withoutAugmentationTheImageIsShrunkWithInterArea() {
        SampleFactory samples = SampleFactory.plain(SOURCE, SIZE);
        for (int k = 0; k < Scenes.SCENES; k++) {
            assertLetterboxed(samples.sample(0, k), Scenes.scene(k), Imgproc.INTER_AREA);
        }
    }

    private static void assertLetterboxed(Sample sample, Scenes.Scene scene, int interpolation) {
        Mat half = new Mat();
        Imgproc.resize(scene.image(), half, new Size(Scenes.W / 2.0, Scenes.H / 2.0), 0, 0, interpolation);
        Mat expected = new Mat();
        Core.copyMakeBorder(half, expected, PAD, PAD, 0, 0, Core.BORDER_CONSTANT, Scalar.all(114));
        assertArrayEquals(Scenes.bytes(expected), Scenes.bytes(sample.image()), scene.name());

        float[][] labels = sample.labels();
        assertEquals(scene.rects().size(), labels.length);
        for (int i = 0; i < labels.length; i++) {
            Scenes.Rect r = scene.rects().get(i);
            float[] expectedRow = {r.cls(), (r.x1() + r.x2()) / 4f / SIZE, ((r.y1() + r.y2()) / 4f + PAD) / SIZE,
                (r.x2() - r.x1()) / 2f / SIZE, (r.y2() - r.y1()) / 2f / SIZE};
            assertArrayEquals(expectedRow, labels[i], 1e-6f, scene.name() + " label " + i);
        }
        sample.release();
    }
}
