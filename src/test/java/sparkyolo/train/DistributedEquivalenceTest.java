package sparkyolo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sparkyolo.data.DatasetConfig;
import sparkyolo.data.ImageRecord;
import sparkyolo.dist.WireFormat;
import sparkyolo.hyp.Hyp;
import sparkyolo.io.HadoopFiles;
import sparkyolo.model.ModelSpec;
import sparkyolo.model.YoloNetwork;
import sparkyolo.scan.DatasetScan;
import sparkyolo.testing.TestSpark;
import sparkyolo.testing.TrainingStates;
import sparkyolo.util.NpyArray;
import sparkyolo.weights.Checkpoint;

/**
 * N replicas equal one replica with the same global batch: 2 replicas × 8 images against 1
 * replica accumulating the same 16 images as two micro-batches of 8 (BatchNorm sees the same
 * 8-image batches), same order, augmentation off.
 */
class DistributedEquivalenceTest {
    static JavaSparkContext sc;
    static List<ImageRecord> records;

    @BeforeAll
    static void data() throws Exception {
        sc = JavaSparkContext.fromSparkContext(TestSpark.session().sparkContext());
        HadoopFiles files = new HadoopFiles(sc.hadoopConfiguration());
        DatasetConfig ds = DatasetConfig.load(files, Path.of("data/coco-sample/coco-sample.yaml").toString());
        List<ImageRecord> once = DatasetScan.run(sc, ds.images(files, "train"), ds.nc());
        records = new ArrayList<>();
        for (int copy = 0; copy < 20; copy++) {
            records.addAll(once);
        }
    }

    static Hyp noAugmentation() {
        Hyp h = Hyp.defaults();
        for (String k : List.of("hsv_h", "hsv_s", "hsv_v", "degrees", "translate", "scale", "shear", "perspective",
                "flipud", "fliplr", "mosaic", "mixup")) {
            h = h.with(k, 0.0);
        }
        // A long warmup keeps accumulation at 1; bias lr ramping from 0 like the others (not from 0.1)
        // keeps early training from growing run-to-run rounding noise chaotically (see TrainingStates).
        return h.with("warmup_epochs", 1000).with("warmup_bias_lr", 0.0);
    }

    static TrainState start() {
        ModelSpec spec = ModelSpec.load("yolov5n.yaml");
        try (YoloNetwork m = YoloNetwork.build(spec, 0)) {
            return TrainState.start(spec, Checkpoint.defaultNames(80), m.parameters().toStateDict());
        }
    }

    static TrainOptions options(int replicas, int microBatch, String wire) {
        return TrainOptions.builder().epochs(1).batchSize(16).imgSize(96).workers(1).replicas(replicas)
                .microBatch(microBatch).gradCompression(WireFormat.parse(wire)).build();
    }

    @Test
    void twoReplicasEqualOneReplicaAccumulatingTheSameMicroBatches() throws Exception {
        Broadcast<List<ImageRecord>> data = sc.broadcast(records);
        Hyp hyp = noAugmentation();
        TrainState begin = start();
        EpochJob.Result one = EpochJob.run(sc, begin, data, options(1, 8, "none"), hyp, 0, EpochSpan.WHOLE, null, "one",
                sc.sc().longAccumulator());
        EpochJob.Result two = EpochJob.run(sc, begin, data, options(2, 0, "none"), hyp, 0, EpochSpan.WHOLE,
                null, "eq", sc.sc().longAccumulator());
        // A long warmup keeps accumulation at 1 (round(1 + 3·ni/nw) with nw = 1000·20): one optimizer step
        // per iteration, so no replica sums gradients locally before the all-reduce (which would only
        // reassociate float sums, by an ulp, but chaotic early training amplifies ulps).
        assertEquals(20, one.stats().batches());
        assertEquals(20, one.stats().optimizerSteps());
        assertEquals(one.stats().optimizerSteps(), two.stats().optimizerSteps());
        assertClose(one.state().model(), two.state().model(), "weights and BN buffers");
        assertClose(one.state().ema(), two.state().ema(), "EMA");
        assertClose(vectors(one.state().optimizer()), vectors(two.state().optimizer()), "optimizer state");
        assertEquals(one.state().iterations(), two.state().iterations());
    }

    @Test
    void bf16GradientsOnTheWireKeepTheLossCurve() throws Exception {
        Broadcast<List<ImageRecord>> data = sc.broadcast(records);
        Hyp hyp = noAugmentation();
        TrainState begin = start();
        EpochJob.Result fp32 = EpochJob.run(sc, begin, data, options(2, 0, "none"), hyp, 0, EpochSpan.WHOLE,
                null, "wire32", sc.sc().longAccumulator());
        EpochJob.Result bf16 = EpochJob.run(sc, begin, data, options(2, 0, "bf16"), hyp, 0, EpochSpan.WHOLE,
                null, "wire16", sc.sc().longAccumulator());
        // bf16 keeps 8 significant bits: each gradient element is off by at most 2^-9 (0.2%) relative.
        // Over 20 steps the mean losses of the epoch (replica 0 and 1) stay within 2%.
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 3; c++) {
                float a = fp32.replicaStats().get(r).meanLoss()[c];
                float b = bf16.replicaStats().get(r).meanLoss()[c];
                assertEquals(a, b, 0.02 * a, "replica " + r + " loss " + c);
            }
        }
    }

    private static Map<String, NpyArray> vectors(Map<String, float[]> optimizer) {
        Map<String, NpyArray> out = new java.util.LinkedHashMap<>();
        optimizer.forEach((k, v) -> out.put(k, NpyArray.ofFloats(v, v.length)));
        return out;
    }

    static void assertClose(Map<String, NpyArray> a, Map<String, NpyArray> b, String what) {
        TrainingStates.assertArraysClose(a, b, 1e-5, 1e-3, what);
    }
}
