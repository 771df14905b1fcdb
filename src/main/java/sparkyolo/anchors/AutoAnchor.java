package sparkyolo.anchors;

import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import sparkyolo.random.GlobalRandom;

/**
 * The original's train-time AutoAnchor (check_anchors, YOLOv5 v6.2): measure how well the model's
 * anchors fit the labels and, when the best possible recall is 0.98 or less, evolve new anchors
 * and adopt them if their recall is higher. With the generators seeded as the original's
 * {@code init_seeds} seeds them, the draws, and so the anchors, are the original's.
 */
public final class AutoAnchor {
    private static final Logger LOG = LogManager.getLogger(AutoAnchor.class);

    private AutoAnchor() {
    }

    /**
     * The fit of the model's (float32) anchors to the labels, each image scaled by
     * uniform(0.9, 1.1) at random.
     *
     * @param anchors model anchors in pixels, {@code [nl][2*na]}
     * @param anchorT the hyp's anchor_t (4.0 by default)
     */
    public static AnchorStats check(AnchorDataset data, double[][] anchors, int imgSize, double anchorT,
            GlobalRandom rng) {
        validate(anchors, null);
        return AnchorStats.of(data.augmentedWh(imgSize, rng.numpy()), AnchorLevels.flatten(anchors), anchorT,
                Precision.FLOAT32);
    }

    /** {@link #run(AnchorDataset, double[][], double[], int, double, int, GlobalRandom)} with the original's 1000 generations. */
    public static AutoAnchorReport run(AnchorDataset data, double[][] anchors, double[] strides, int imgSize,
            double anchorT, GlobalRandom rng) {
        return run(data, anchors, strides, imgSize, anchorT, KMeansAnchors.DEFAULT_GENERATIONS, rng);
    }

    /**
     * @param anchors     model anchors in pixels, {@code [nl][2*na]}
     * @param strides     the model's stride per level (8, 16, 32 for P3-P5)
     * @param generations evolution generations
     * @param rng         the original's generators, as {@link GlobalRandom#seeded} leaves them
     * @throws IllegalArgumentException when the dataset has no labels
     */
    public static AutoAnchorReport run(AnchorDataset data, double[][] anchors, double[] strides, int imgSize,
            double anchorT, int generations, GlobalRandom rng) {
        validate(anchors, strides);
        List<String> messages = new ArrayList<>();
        float[][] wh = data.augmentedWh(imgSize, rng.numpy());
        AnchorStats before = AnchorStats.of(wh, AnchorLevels.flatten(anchors), anchorT, Precision.FLOAT32);
        say(messages, before.message());
        if (before.goodFit()) {
            return new AutoAnchorReport(DoubleArrays.copy(anchors), before, null, false, messages);
        }
        double[][] evolved = KMeansAnchors.evolve(data, AnchorLevels.flatten(anchors).length, imgSize, anchorT,
                generations, rng);
        // As the original, the new anchors (float64) are measured on the same augmented labels as the old.
        AnchorStats after = AnchorStats.of(wh, evolved, anchorT, Precision.FLOAT64);
        if (after.bpr() > before.bpr()) {
            say(messages, "Done (optional: update model *.yaml to use these anchors in the future)");
            return new AutoAnchorReport(AnchorLevels.toLevels(evolved, strides), before, after, true, messages);
        }
        say(messages, "Done (original anchors better than new anchors, proceeding with original anchors)");
        return new AutoAnchorReport(DoubleArrays.copy(anchors), before, after, false, messages);
    }

    private static void say(List<String> messages, String message) {
        messages.add(message);
        LOG.info(message);
    }

    private static void validate(double[][] anchors, double[] strides) {
        if (anchors.length == 0 || anchors[0].length == 0 || anchors[0].length % 2 != 0) {
            throw new IllegalArgumentException("anchors must be [nl][2*na] with na >= 1");
        }
        for (double[] level : anchors) {
            if (level.length != anchors[0].length) {
                throw new IllegalArgumentException("every anchor level must hold the same number of anchors");
            }
            for (double v : level) {
                if (!(v > 0)) {
                    throw new IllegalArgumentException("anchors must be positive, got " + v);
                }
            }
        }
        if (strides != null && strides.length != anchors.length) {
            throw new IllegalArgumentException(strides.length + " strides for " + anchors.length + " anchor levels");
        }
    }
}
