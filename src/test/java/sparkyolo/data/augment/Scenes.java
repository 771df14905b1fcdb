package sparkyolo.data.augment;

import java.util.ArrayList;
import java.util.List;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import sparkyolo.image.OpenCv;

/**
 * Synthetic 640×480 grey images with filled rectangles, one colour per class, labelled exactly
 * by those rectangles. Each class has its own hue (S = V = 200), so a class's pixels stay
 * recognisable after warps, HSV gains and blending with grey.
 */
final class Scenes {
    static final int W = 640;
    static final int H = 480;
    static final int BACKGROUND = 100;
    /** OpenCV hue (0..179) of class k; 20 apart, so ±6 still separates them. */
    static final int[] HUES = {10, 30, 50, 70, 90, 110, 130, 150, 170};
    static final int SATURATION = 200;
    static final int VALUE = 200;

    /** Pixel columns [x1, x2) and rows [y1, y2); coordinates are multiples of 4 so halving keeps edges sharp. */
    record Rect(int cls, int x1, int y1, int x2, int y2) {
        int area() {
            return (x2 - x1) * (y2 - y1);
        }
    }

    record Scene(String name, Mat image, List<Rect> rects) {
        float[][] labels() {
            float[][] out = new float[rects.size()][];
            for (int i = 0; i < out.length; i++) {
                Rect r = rects.get(i);
                out[i] = new float[] {r.cls(), (r.x1() + r.x2()) / 2f / W, (r.y1() + r.y2()) / 2f / H,
                    (r.x2() - r.x1()) / (float) W, (r.y2() - r.y1()) / (float) H};
            }
            return out;
        }

        InMemoryImageSource.Entry entry() {
            return new InMemoryImageSource.Entry(name, png(image), labels());
        }
    }

    /** Three scenes; scene k holds classes 3k, 3k+1, 3k+2, at least 60 px from the image edges and apart. */
    private static final int[][][] LAYOUTS = {
        {{80, 96, 200, 192}, {280, 200, 376, 320}, {440, 120, 552, 232}},
        {{120, 260, 240, 356}, {300, 100, 396, 220}, {460, 280, 572, 392}},
        {{96, 140, 216, 236}, {264, 300, 360, 420}, {420, 80, 532, 192}},
    };
    static final int SCENES = LAYOUTS.length;
    static final int MAX_RECT_AREA = 120 * 96;

    private Scenes() {
    }

    static Scene scene(int k) {
        OpenCv.ensureLoaded();
        Mat image = new Mat(H, W, CvType.CV_8UC3, Scalar.all(BACKGROUND));
        List<Rect> rects = new ArrayList<>();
        for (int j = 0; j < 3; j++) {
            int[] c = LAYOUTS[k][j];
            Rect r = new Rect(3 * k + j, c[0], c[1], c[2], c[3]);
            Imgproc.rectangle(image, new Point(r.x1(), r.y1()), new Point(r.x2() - 1, r.y2() - 1), colour(r.cls()),
                    Imgproc.FILLED);
            rects.add(r);
        }
        return new Scene("scene" + k + ".png", image, rects);
    }

    /** All scenes as an in-memory dataset, index k = scene k. */
    static InMemoryImageSource source() {
        List<InMemoryImageSource.Entry> entries = new ArrayList<>();
        for (int k = 0; k < SCENES; k++) {
            Scene s = scene(k);
            entries.add(s.entry());
            s.image().release();
        }
        return new InMemoryImageSource(entries);
    }

    static Scalar colour(int cls) {
        Mat hsv = new Mat(1, 1, CvType.CV_8UC3, new Scalar(HUES[cls], SATURATION, VALUE));
        Mat bgr = new Mat();
        Imgproc.cvtColor(hsv, bgr, Imgproc.COLOR_HSV2BGR);
        double[] v = bgr.get(0, 0);
        return new Scalar(v);
    }

    static byte[] png(Mat image) {
        MatOfByte buf = new MatOfByte();
        Imgcodecs.imencode(".png", image, buf);
        byte[] out = buf.toArray();
        buf.release();
        return out;
    }

    static byte[] bytes(Mat m) {
        byte[] out = new byte[(int) (m.total() * m.channels())];
        m.get(0, 0, out);
        return out;
    }
}
