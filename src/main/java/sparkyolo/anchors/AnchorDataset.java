package sparkyolo.anchors;

import java.util.ArrayList;
import java.util.List;
import sparkyolo.data.ImageRecord;
import sparkyolo.random.NumpyRandomState;

/**
 * What AutoAnchor needs from a dataset: each image's size and the normalized width and height of
 * its labels (the original's {@code dataset.shapes} and {@code dataset.labels[:, 3:5]}).
 */
public final class AnchorDataset {
    private final double[][] shapes;
    private final double[][][] labelWh;

    private AnchorDataset(double[][] shapes, double[][][] labelWh) {
        this.shapes = shapes;
        this.labelWh = labelWh;
    }

    /**
     * @param shapes  per image {@code [width, height]} in pixels
     * @param labelWh per image, one {@code [w, h]} row per label, normalized to [0, 1]
     */
    public static AnchorDataset of(double[][] shapes, double[][][] labelWh) {
        if (shapes.length != labelWh.length) {
            throw new IllegalArgumentException(shapes.length + " image shapes but labels for " + labelWh.length + " images");
        }
        double[][] s = new double[shapes.length][];
        double[][][] wh = new double[labelWh.length][][];
        for (int i = 0; i < shapes.length; i++) {
            if (shapes[i].length != 2 || !(shapes[i][0] > 0) || !(shapes[i][1] > 0)) {
                throw new IllegalArgumentException("image " + i + ": shape must be a positive [width, height]");
            }
            s[i] = shapes[i].clone();
            wh[i] = new double[labelWh[i].length][];
            for (int j = 0; j < labelWh[i].length; j++) {
                if (labelWh[i][j].length != 2) {
                    throw new IllegalArgumentException("image " + i + " label " + j + ": expected [w, h]");
                }
                wh[i][j] = labelWh[i][j].clone();
            }
        }
        return new AnchorDataset(s, wh);
    }

    /** The images of a scan that could be read; those with an error are left out, as the original drops them. */
    public static AnchorDataset fromRecords(List<ImageRecord> records) {
        List<double[]> shapes = new ArrayList<>();
        List<double[][]> wh = new ArrayList<>();
        for (ImageRecord r : records) {
            if (!r.ok()) {
                continue;
            }
            shapes.add(new double[] {r.width(), r.height()});
            double[][] rows = new double[r.labels().length][];
            for (int j = 0; j < rows.length; j++) {
                float[] label = r.labels()[j];
                rows[j] = new double[] {label[3], label[4]};
            }
            wh.add(rows);
        }
        return of(shapes.toArray(new double[0][]), wh.toArray(new double[0][][]));
    }

    public int images() {
        return shapes.length;
    }

    public int labels() {
        int n = 0;
        for (double[][] rows : labelWh) {
            n += rows.length;
        }
        return n;
    }

    /**
     * kmean_anchors' {@code wh0}: label sizes in pixels (float64), each normalized size times its
     * image's shape with the long side scaled to {@code imgSize}.
     */
    public double[][] pixelWh(int imgSize) {
        double[][] out = new double[labels()][];
        int row = 0;
        for (int i = 0; i < shapes.length; i++) {
            double[] s = scaledShape(i, imgSize);
            for (double[] wh : labelWh[i]) {
                out[row++] = new double[] {wh[0] * s[0], wh[1] * s[1]};
            }
        }
        return out;
    }

    /**
     * check_anchors' {@code wh}: as {@link #pixelWh(int)} with each image's scaled shape also
     * multiplied by {@code uniform(0.9, 1.1)} (one draw per image, labelled or not, in image
     * order, as the original draws them), then held in float32.
     */
    public float[][] augmentedWh(int imgSize, NumpyRandomState rng) {
        double[] scale = new double[shapes.length];
        for (int i = 0; i < scale.length; i++) {
            scale[i] = rng.uniform(0.9, 1.1);
        }
        float[][] out = new float[labels()][];
        int row = 0;
        for (int i = 0; i < shapes.length; i++) {
            double[] s = scaledShape(i, imgSize);
            double sw = s[0] * scale[i];
            double sh = s[1] * scale[i];
            for (double[] wh : labelWh[i]) {
                out[row++] = new float[] {(float) (wh[0] * sw), (float) (wh[1] * sh)};
            }
        }
        return out;
    }

    /** {@code imgsz * shape / shape.max()}: the product is exact, as the original's integer product. */
    private double[] scaledShape(int image, int imgSize) {
        double longSide = Math.max(shapes[image][0], shapes[image][1]);
        return new double[] {imgSize * shapes[image][0] / longSide, imgSize * shapes[image][1] / longSide};
    }
}
