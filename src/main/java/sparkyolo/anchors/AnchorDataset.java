package sparkyolo.anchors;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import sparkyolo.data.ImageRecord;

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

    /** Label sizes in pixels with each image's long side scaled to {@code imgSize} (kmean_anchors). */
    public double[][] pixelWh(int imgSize) {
        return scaled(imgSize, null);
    }

    /**
     * As {@link #pixelWh(int)}, each image further scaled by uniform(0.9, 1.1) as check_anchors
     * augments it; one draw per image, labelled or not, as the original draws them.
     */
    public double[][] pixelWh(int imgSize, Random rng) {
        return scaled(imgSize, Objects.requireNonNull(rng, "rng"));
    }

    /** Label sizes in pixels; each image also scaled at random when rng is given. */
    private double[][] scaled(int imgSize, Random rng) {
        double[][] out = new double[labels()][];
        int row = 0;
        for (int i = 0; i < shapes.length; i++) {
            double scale = imgSize / Math.max(shapes[i][0], shapes[i][1]);
            if (rng != null) {
                scale *= 0.9 + 0.2 * rng.nextDouble();
            }
            for (double[] wh : labelWh[i]) {
                out[row++] = new double[] {wh[0] * shapes[i][0] * scale, wh[1] * shapes[i][1] * scale};
            }
        }
        return out;
    }
}
