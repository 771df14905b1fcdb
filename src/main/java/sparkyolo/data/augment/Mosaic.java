package sparkyolo.data.augment;

import java.util.ArrayList;
import java.util.List;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import sparkyolo.image.Letterbox;

/**
 * The original's {@code load_mosaic()} (4 images): a 2s×2s canvas filled with 114, a random
 * centre in [s/2, 3s/2), the image and three random others (drawn among all dataset indices, in
 * shuffled order) placed top-left, top-right, bottom-left and bottom-right of the centre, labels
 * shifted and clipped to the canvas, then {@link RandomPerspective} with border -s/2 down to s×s.
 */
final class Mosaic {
    private final ImageLoader loader;
    private final int datasetSize;
    private final int size;
    private final RandomPerspective perspective;

    Mosaic(ImageLoader loader, int datasetSize, int size, RandomPerspective perspective) {
        this.loader = loader;
        this.datasetSize = datasetSize;
        this.size = size;
        this.perspective = perspective;
    }

    LabelledImage load(int index, SampleRandom rng) {
        int s = size;
        int border = Math.floorDiv(-s, 2); // Python's -img_size // 2
        int yc = (int) rng.uniform(-border, 2 * s + border);
        int xc = (int) rng.uniform(-border, 2 * s + border);
        int[] indices = {index, rng.index(datasetSize), rng.index(datasetSize), rng.index(datasetSize)};
        rng.shuffle(indices);

        Mat canvas = new Mat(2 * s, 2 * s, CvType.CV_8UC3, Scalar.all(Letterbox.DEFAULT_COLOR));
        List<double[]> labels = new ArrayList<>();
        String name = null;
        for (int i = 0; i < 4; i++) {
            LoadedImage tile = loader.load(indices[i]);
            try {
                if (indices[i] == index && name == null) {
                    name = tile.name();
                }
                int[] p = placement(i, xc, yc, tile.image().cols(), tile.image().rows());
                Mat from = tile.image().submat(p[5], p[7], p[4], p[6]);
                Mat to = canvas.submat(p[1], p[3], p[0], p[2]);
                from.copyTo(to);
                from.release();
                to.release();
                double padw = p[0] - p[4];
                double padh = p[1] - p[5];
                for (double[] lb : LabelBoxes.toPixelXyxy(tile.labels(), tile.image().cols(), tile.image().rows(),
                        padw, padh)) {
                    labels.add(lb);
                }
            } finally {
                tile.image().release();
            }
        }
        for (double[] lb : labels) {
            for (int k = 1; k < 5; k++) {
                lb[k] = Math.min(Math.max(lb[k], 0), 2 * s);
            }
        }
        return perspective.apply(new LabelledImage(canvas, labels.toArray(new double[0][]), name), border, rng);
    }

    /**
     * Where tile {@code i} (0 top-left, 1 top-right, 2 bottom-left, 3 bottom-right) of w×h goes:
     * {@code {x1a, y1a, x2a, y2a}} on the canvas and {@code {x1b, y1b, x2b, y2b}} of the tile.
     */
    private int[] placement(int i, int xc, int yc, int w, int h) {
        int s2 = 2 * size;
        int x1a;
        int y1a;
        int x2a;
        int y2a;
        int x1b;
        int y1b;
        int x2b;
        int y2b;
        switch (i) {
            case 0 -> {
                x1a = Math.max(xc - w, 0);
                y1a = Math.max(yc - h, 0);
                x2a = xc;
                y2a = yc;
                x1b = w - (x2a - x1a);
                y1b = h - (y2a - y1a);
                x2b = w;
                y2b = h;
            }
            case 1 -> {
                x1a = xc;
                y1a = Math.max(yc - h, 0);
                x2a = Math.min(xc + w, s2);
                y2a = yc;
                x1b = 0;
                y1b = h - (y2a - y1a);
                x2b = Math.min(w, x2a - x1a);
                y2b = h;
            }
            case 2 -> {
                x1a = Math.max(xc - w, 0);
                y1a = yc;
                x2a = xc;
                y2a = Math.min(s2, yc + h);
                x1b = w - (x2a - x1a);
                y1b = 0;
                x2b = w;
                y2b = Math.min(y2a - y1a, h);
            }
            default -> {
                x1a = xc;
                y1a = yc;
                x2a = Math.min(xc + w, s2);
                y2a = Math.min(s2, yc + h);
                x1b = 0;
                y1b = 0;
                x2b = Math.min(w, x2a - x1a);
                y2b = Math.min(y2a - y1a, h);
            }
        }
        return new int[] {x1a, y1a, x2a, y2a, x1b, y1b, x2b, y2b};
    }
}
