package sparkyolo.prep;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import sparkyolo.anchors.AnchorDataset;
import sparkyolo.anchors.AutoAnchor;
import sparkyolo.anchors.AutoAnchorReport;
import sparkyolo.data.PreparedSchema;
import sparkyolo.hyp.Hyp;
import sparkyolo.model.ModelSpec;
import sparkyolo.random.GlobalRandom;

/**
 * AutoAnchor (the original's train-time check_anchors) run on a prepared train split: how well a
 * model's anchors fit its labels and, when they fit poorly, evolved anchors to train with.
 *
 * @param model      the model YAML whose anchors were checked
 * @param anchorT    the default hyp's anchor_t
 * @param anchors    the anchors to train with, {@code [nl][2*na]} pixels: the evolved ones when
 *                   {@code replaced}, else the model's
 * @param bpr        best possible recall of the model's anchors
 * @param aat        anchors above threshold per label, model's anchors
 * @param evolvedBpr best possible recall of the evolved anchors, or null when none were evolved
 * @param skipped    why AutoAnchor did not run (no train split, no labels), or null
 */
public record AnchorSuggestion(String model, int imgSize, double anchorT, double[][] modelAnchors, double[][] anchors,
        double bpr, double aat, Double evolvedBpr, boolean replaced, List<String> messages, String skipped) {
    static AnchorSuggestion skipped(PrepareOptions o, String why) {
        return new AnchorSuggestion(o.anchorModel(), o.anchorImgSize(), 0, null, null, 0, 0, null, false, List.of(), why);
    }

    /** @param trainDir the Parquet folder of the train split */
    static AnchorSuggestion compute(SparkSession spark, String trainDir, PrepareOptions o) {
        // Path order, so that the per-image random scale draws do not depend on how Spark reads the files.
        List<Row> rows = spark.read().parquet(trainDir)
                .orderBy(col(PreparedSchema.SOURCE_PATH))
                .select(col(PreparedSchema.WIDTH), col(PreparedSchema.HEIGHT), col(PreparedSchema.BOXES + ".w"),
                        col(PreparedSchema.BOXES + ".h"))
                .collectAsList();
        double[][] shapes = new double[rows.size()][];
        double[][][] wh = new double[rows.size()][][];
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            shapes[i] = new double[] {r.getInt(0), r.getInt(1)};
            List<Float> w = r.getList(2);
            List<Float> h = r.getList(3);
            wh[i] = new double[w.size()][];
            for (int j = 0; j < w.size(); j++) {
                wh[i][j] = new double[] {w.get(j), h.get(j)};
            }
        }
        AnchorDataset data = AnchorDataset.of(shapes, wh);
        if (data.labels() == 0) {
            return skipped(o, "the train split has no labels");
        }
        ModelSpec spec = ModelSpec.load(o.anchorModel());
        double[][] modelAnchors = spec.anchors();
        double[] strides = new double[modelAnchors.length];
        for (int i = 0; i < strides.length; i++) {
            strides[i] = 8 << i; // P3 (stride 8) upwards, as the bundled P5 models' Detect layers
        }
        double anchorT = Hyp.defaults().get("anchor_t");
        AutoAnchorReport r = AutoAnchor.run(data, modelAnchors, strides, o.anchorImgSize(), anchorT,
                GlobalRandom.seeded(o.seed()));
        return new AnchorSuggestion(o.anchorModel(), o.anchorImgSize(), anchorT, modelAnchors, r.anchors(),
                r.before().bpr(), r.before().aat(), r.after() == null ? null : r.after().bpr(), r.replaced(),
                new ArrayList<>(r.messages()), null);
    }
}
