package sparkyolo.plots;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import sparkyolo.detect.Annotator;
import sparkyolo.image.OpenCv;
import sparkyolo.io.HadoopFiles;

/**
 * train_batch*.jpg / val_batch*_labels.jpg as the original's plot_images: up to 16 images of a
 * batch in a square grid (filled column by column), shrunk to at most 1920 pixels a side, each
 * tile framed in white with its boxes, class names and file name.
 */
public final class BatchPlot {
    public static final int MAX_SIZE = 1920;
    public static final int MAX_TILES = 16;
    /** Predictions (rows with a confidence) at or below this are not drawn. */
    private static final double MIN_CONFIDENCE = 0.25;
    private static final Scalar WHITE = new Scalar(255, 255, 255);
    private static final Scalar FILE_NAME_GREY = new Scalar(220, 220, 220);
    /** OpenCV's Hershey font scale that gives text about as tall as a PIL font of this many pixels. */
    private static final double PIL_FONT_PIXELS_PER_SCALE = 30.0;
    private static final int MAX_FILE_NAME = 40;

    private BatchPlot() {
    }

    /**
     * A batch as the model sees it.
     *
     * @param data RGB values 0..1 (or 0..255) in N×3×H×W order
     */
    public record Images(float[] data, int batch, int height, int width) {
        public Images {
            if ((long) batch * 3 * height * width != data.length) {
                throw new IllegalArgumentException("expected " + batch + "x3x" + height + "x" + width + " values, got "
                        + data.length);
            }
        }
    }

    /** Renders the mosaic and writes it as JPEG to {@code path}. */
    public static void write(HadoopFiles files, String path, Images images, float[][] targets, List<String> paths,
                             List<String> names) throws IOException {
        Mat mosaic = render(images, targets, paths, names);
        MatOfByte jpeg = new MatOfByte();
        try {
            if (!Imgcodecs.imencode(".jpg", mosaic, jpeg)) {
                throw new IOException(path + ": JPEG encoding failed");
            }
            files.writeAtomically(path, jpeg.toArray());
        } finally {
            jpeg.release();
            mosaic.release();
        }
    }

    /**
     * @param targets rows [image, cls, cx, cy, w, h] (labels) or [image, cls, cx, cy, w, h, conf]
     *                (predictions), boxes normalized to 0..1 or in pixels of the input images
     * @param paths   the images' paths (only file names are shown), or empty
     * @param names   class names, or empty to show class numbers
     * @return the mosaic as a BGR image (the caller releases it)
     */
    public static Mat render(Images images, float[][] targets, List<String> paths, List<String> names) {
        OpenCv.ensureLoaded();
        int tiles = Math.min(images.batch(), MAX_TILES);
        int ns = (int) Math.ceil(Math.sqrt(tiles));
        Mat mosaic = tileImages(images, tiles, ns);
        int h = images.height();
        int w = images.width();
        double scale = (double) MAX_SIZE / ns / Math.max(h, w);
        if (scale < 1) {
            h = (int) Math.ceil(scale * h);
            w = (int) Math.ceil(scale * w);
            Imgproc.resize(mosaic, mosaic, new Size(w * ns, h * ns));
        }
        int fontSize = (int) ((h + w) * ns * 0.01);
        int lineWidth = (int) Math.rint(fontSize / 10.0);
        if (lineWidth == 0) {
            // PIL Annotator's fallback when line_width is 0 (falsy).
            lineWidth = Math.max((int) Math.rint((mosaic.rows() + mosaic.cols() + 3) / 2.0 * 0.003), 2);
        }
        Text text = new Text(fontSize / PIL_FONT_PIXELS_PER_SCALE, Math.max(1, (int) Math.rint(fontSize / 15.0)));
        for (int i = 0; i < tiles; i++) {
            int x = w * (i / ns);
            int y = h * (i % ns);
            Imgproc.rectangle(mosaic, new Point(x, y), new Point(x + w - 1, y + h - 1), WHITE, 2, Imgproc.LINE_8);
            if (i < paths.size()) {
                String name = HadoopFiles.fileName(paths.get(i));
                text.put(mosaic, name.substring(0, Math.min(name.length(), MAX_FILE_NAME)), new Point(x + 5, y + h - 5),
                        FILE_NAME_GREY);
            }
            drawTargets(mosaic, targets, i, x, y, w, h, scale, lineWidth, text, names);
        }
        return mosaic;
    }

    /** Images into a white ns × ns grid, image i at column i / ns, row i % ns; RGB floats to BGR bytes. */
    private static Mat tileImages(Images images, int tiles, int ns) {
        int h = images.height();
        int w = images.width();
        int mosaicWidth = ns * w;
        byte[] pixels = new byte[ns * h * mosaicWidth * 3];
        Arrays.fill(pixels, (byte) 255);
        float[] data = images.data();
        // The original de-normalises when the first image's values are all at most 1.
        float gain = maxOfFirstImage(images) <= 1 ? 255f : 1f;
        int plane = h * w;
        for (int i = 0; i < tiles; i++) {
            int x0 = w * (i / ns);
            int y0 = h * (i % ns);
            int base = i * 3 * plane;
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    int out = ((y0 + r) * mosaicWidth + x0 + c) * 3;
                    int in = base + r * w + c;
                    for (int ch = 0; ch < 3; ch++) {
                        float v = Math.round(data[in + ch * plane] * gain);
                        pixels[out + 2 - ch] = (byte) Math.min(Math.max(v, 0), 255);
                    }
                }
            }
        }
        Mat mosaic = new Mat(ns * h, mosaicWidth, CvType.CV_8UC3);
        mosaic.put(0, 0, pixels);
        return mosaic;
    }

    private static float maxOfFirstImage(Images images) {
        float max = Float.NEGATIVE_INFINITY;
        int n = 3 * images.height() * images.width();
        for (int k = 0; k < n; k++) {
            max = Math.max(max, images.data()[k]);
        }
        return max;
    }

    private static void drawTargets(Mat mosaic, float[][] targets, int image, int x, int y, int w, int h, double scale,
                                    int lineWidth, Text text, List<String> names) {
        float[][] rows = Arrays.stream(targets).filter(t -> (int) t[0] == image).toArray(float[][]::new);
        if (rows.length == 0) {
            return;
        }
        double[][] boxes = new double[rows.length][];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < rows.length; j++) {
            float[] t = rows[j];
            boxes[j] = new double[] {t[2] - t[4] / 2.0, t[3] - t[5] / 2.0, t[2] + t[4] / 2.0, t[3] + t[5] / 2.0};
            for (double v : boxes[j]) {
                max = Math.max(max, v);
            }
        }
        // Normalized boxes (with 0.01 tolerance) scale to the tile; pixel boxes follow the resize.
        boolean normalized = max <= 1.01;
        for (int j = 0; j < rows.length; j++) {
            float[] t = rows[j];
            boolean prediction = t.length > 6;
            if (prediction && t[6] <= MIN_CONFIDENCE) {
                continue;
            }
            double[] b = boxes[j];
            double sx = normalized ? w : (scale < 1 ? scale : 1);
            double sy = normalized ? h : (scale < 1 ? scale : 1);
            int cls = (int) t[1];
            String name = cls < names.size() ? names.get(cls) : String.valueOf(cls);
            String label = prediction ? String.format(Locale.ROOT, "%s %.1f", name, t[6]) : name;
            Scalar color = Annotator.color(cls);
            Point p1 = new Point((int) (b[0] * sx + x), (int) (b[1] * sy + y));
            Point p2 = new Point((int) (b[2] * sx + x), (int) (b[3] * sy + y));
            Imgproc.rectangle(mosaic, p1, p2, color, lineWidth, Imgproc.LINE_8);
            text.label(mosaic, label, p1, color);
        }
    }

    /** Hershey text at one size. */
    private record Text(double fontScale, int thickness) {
        void put(Mat image, String s, Point baselineLeft, Scalar color) {
            Imgproc.putText(image, s, baselineLeft, Imgproc.FONT_HERSHEY_SIMPLEX, fontScale, color, thickness,
                    Imgproc.LINE_AA);
        }

        /** White text on a filled box in the box colour, above the box's top-left corner when it fits. */
        void label(Mat image, String s, Point corner, Scalar color) {
            int[] baseline = new int[1];
            Size size = Imgproc.getTextSize(s, Imgproc.FONT_HERSHEY_SIMPLEX, fontScale, thickness, baseline);
            double height = size.height + baseline[0];
            boolean outside = corner.y - height >= 0;
            double top = outside ? corner.y - height : corner.y;
            Imgproc.rectangle(image, new Point(corner.x, top), new Point(corner.x + size.width + 1, top + height),
                    color, -1, Imgproc.LINE_8);
            put(image, s, new Point(corner.x, top + size.height), WHITE);
        }
    }
}
