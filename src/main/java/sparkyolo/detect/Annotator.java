package sparkyolo.detect;

import java.util.List;
import java.util.Locale;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/** Draws detections (boxes and "name conf" labels) onto an image, in the original's palette. */
public final class Annotator {
    // The original's Colors() palette, RGB hex.
    private static final String[] PALETTE = {"FF3838", "FF9D97", "FF701F", "FFB21D", "CFD231", "48F90A", "92CC17",
        "3DDB86", "1A9334", "00D4BB", "2C99A8", "00C2FF", "344593", "6473FF", "0018EC", "8438FF", "520085", "CB38FF",
        "FF95C8", "FF37C7"};

    private Annotator() {
    }

    /** BGR colour of class {@code cls}. */
    public static Scalar color(int cls) {
        String hex = PALETTE[cls % PALETTE.length];
        int r = Integer.parseInt(hex.substring(0, 2), 16);
        int g = Integer.parseInt(hex.substring(2, 4), 16);
        int b = Integer.parseInt(hex.substring(4, 6), 16);
        return new Scalar(b, g, r);
    }

    /** Draws in place on {@code bgr}; boxes in its pixel coordinates. */
    public static void draw(Mat bgr, float[][] detections, List<String> names) {
        int lineWidth = Math.max((int) Math.round((bgr.rows() + bgr.cols()) / 2.0 * 0.003), 2);
        double fontScale = lineWidth / 3.0;
        int thickness = Math.max(lineWidth - 1, 1);
        for (float[] d : detections) {
            int cls = (int) d[5];
            Scalar color = color(cls);
            Point p1 = new Point(Math.round(d[0]), Math.round(d[1]));
            Point p2 = new Point(Math.round(d[2]), Math.round(d[3]));
            Imgproc.rectangle(bgr, p1, p2, color, lineWidth, Imgproc.LINE_AA);
            String label = String.format(Locale.ROOT, "%s %.2f", cls < names.size() ? names.get(cls) : "class" + cls, d[4]);
            int[] baseline = new int[1];
            org.opencv.core.Size size = Imgproc.getTextSize(label, Imgproc.FONT_HERSHEY_SIMPLEX, fontScale, thickness, baseline);
            boolean outside = p1.y - size.height >= 3;
            Point t2 = new Point(p1.x + size.width, outside ? p1.y - size.height - 3 : p1.y + size.height + 3);
            Imgproc.rectangle(bgr, p1, t2, color, -1, Imgproc.LINE_AA);
            Imgproc.putText(bgr, label, new Point(p1.x, outside ? p1.y - 2 : p1.y + size.height + 2),
                    Imgproc.FONT_HERSHEY_SIMPLEX, fontScale, new Scalar(255, 255, 255), thickness, Imgproc.LINE_AA);
        }
    }
}
