package sparkyolo.prep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import sparkyolo.image.ExifJpeg;
import sparkyolo.image.ImageDecoder;
import sparkyolo.image.OpenCv;

class ExifOrientationTest {
    /** A 64x48 black JPEG with a white rectangle at x 8..24, y 4..16. */
    private static byte[] marked() {
        OpenCv.ensureLoaded();
        Mat m = new Mat(48, 64, CvType.CV_8UC3, new Scalar(0, 0, 0));
        m.submat(4, 16, 8, 24).setTo(new Scalar(255, 255, 255));
        return TestImageFiles.encode(m, ".jpg");
    }

    @Test
    void readsTheOrientationTag() {
        byte[] jpeg = marked();
        assertEquals(ExifOrientation.NORMAL, ExifOrientation.read(jpeg));
        for (int o = 1; o <= 8; o++) {
            assertEquals(o, ExifOrientation.read(ExifJpeg.withOrientation(jpeg, o)));
        }
        assertEquals(ExifOrientation.NORMAL, ExifOrientation.read(ExifJpeg.withOrientation(jpeg, 9)), "out of range");
        assertEquals(ExifOrientation.NORMAL, ExifOrientation.read(new byte[] {(byte) 0x89, 'P', 'N', 'G'}));
    }

    /** For every orientation, the box moved by {@link ExifOrientation#apply} is where OpenCV's decode puts the rectangle. */
    @Test
    void boxesFollowThePixelsAsOpenCvOrientsThem() throws Exception {
        float[] stored = {0, 16f / 64, 10f / 48, 16f / 64, 12f / 48};
        for (int o = 1; o <= 8; o++) {
            Mat decoded = ImageDecoder.decode(ExifJpeg.withOrientation(marked(), o), "o" + o);
            float[] expected = whiteBox(decoded);
            float[] moved = ExifOrientation.apply(o, stored);
            assertArrayEquals(expected, moved, 1.5f / 48, "orientation " + o);
            assertEquals(ExifOrientation.swapsAxes(o), decoded.cols() == 48, "orientation " + o);
        }
    }

    /** The normalized box around the bright pixels. */
    private static float[] whiteBox(Mat image) {
        int x0 = Integer.MAX_VALUE;
        int y0 = Integer.MAX_VALUE;
        int x1 = -1;
        int y1 = -1;
        for (int y = 0; y < image.rows(); y++) {
            for (int x = 0; x < image.cols(); x++) {
                if (image.get(y, x)[0] > 128) {
                    x0 = Math.min(x0, x);
                    y0 = Math.min(y0, y);
                    x1 = Math.max(x1, x + 1);
                    y1 = Math.max(y1, y + 1);
                }
            }
        }
        float w = image.cols();
        float h = image.rows();
        return new float[] {0, (x0 + x1) / 2f / w, (y0 + y1) / 2f / h, (x1 - x0) / w, (y1 - y0) / h};
    }
}
