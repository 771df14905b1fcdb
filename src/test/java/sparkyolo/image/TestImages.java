package sparkyolo.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import sparkyolo.testing.SharedFixtures;
import sparkyolo.util.NpyArray;

/** Images for the tests: the letterbox fixture, coco128 files and synthetic Mats. */
final class TestImages {
    static final String COCO9 = "000000000009.jpg";

    private TestImages() {
    }

    static Map<String, NpyArray> letterboxFixture() throws IOException {
        return SharedFixtures.npz("letterbox.npz");
    }

    /** A (h, w, 3) uint8 fixture array as a BGR Mat. */
    static Mat mat(NpyArray hwc) {
        long[] shape = hwc.shape();
        OpenCv.ensureLoaded();
        Mat m = new Mat((int) shape[0], (int) shape[1], CvType.CV_8UC3);
        m.put(0, 0, hwc.toBytes());
        return m;
    }

    static Mat solid(int h, int w, int b, int g, int r) {
        OpenCv.ensureLoaded();
        return new Mat(h, w, CvType.CV_8UC3, new Scalar(b, g, r));
    }

    static byte[] bytes(Mat m) {
        byte[] out = new byte[(int) (m.total() * m.channels())];
        m.get(0, 0, out);
        return out;
    }

    /** Largest absolute difference between two byte arrays of uint8 values. */
    static int maxDiff(byte[] a, byte[] b) {
        int max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs((a[i] & 0xff) - (b[i] & 0xff)));
        }
        return max;
    }

    static Path coco128Image(String name) {
        return SharedFixtures.coco128().resolve("images").resolve("train2017").resolve(name);
    }

    static byte[] coco128Bytes(String name) throws IOException {
        return Files.readAllBytes(coco128Image(name));
    }

    static byte[] encode(Mat image, String extension) {
        MatOfByte buf = new MatOfByte();
        Imgcodecs.imencode(extension, image, buf);
        byte[] out = buf.toArray();
        buf.release();
        return out;
    }
}
