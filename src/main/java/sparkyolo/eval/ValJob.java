package sparkyolo.eval;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import sparkyolo.data.ImageRecord;
import sparkyolo.detect.NmsOptions;
import sparkyolo.engine.InferenceEngine;
import sparkyolo.io.HadoopConf;
import sparkyolo.loss.LossGains;
import sparkyolo.scan.SplitScan;
import sparkyolo.spark.ModelPool;
import sparkyolo.spark.SparkSessions;
import sparkyolo.weights.Checkpoint;

/**
 * Validation as Spark jobs, as the original's val.py: a scan job (image sizes, labels), then
 * an inference job over rectangular batches that returns per-image matching statistics; the
 * AP computation runs on the driver over the statistics in the original's batch order.
 */
public final class ValJob {
    public static final String JOB_GROUP = "sparkyolo-val";
    /** The original's val defaults. */
    public static final double CONF_THRES = 0.001;
    public static final double IOU_THRES = 0.6;
    public static final double RECT_PAD = 0.5;

    private ValJob() {
    }

    /**
     * Validation over a scanned split ({@link SplitScan}; training validates the same scan every epoch).
     *
     * @param imgSize    checked inference size
     * @param batchSize  images per rectangular batch (batch shapes depend on it)
     * @param stride     the model's max stride
     * @param lossGains  the training loss to compute per batch (val/box_loss, ...), or null
     * @param startNanos when the run started (the scan included), for the reported time
     */
    public static ValResult evaluate(JavaSparkContext sc, Checkpoint checkpoint, List<ImageRecord> scannedImages,
            int imgSize, int batchSize, int stride, NmsOptions nms, LossGains lossGains, long startNanos)
            throws IOException {
        return evaluate(sc, checkpoint, scannedImages, imgSize, batchSize, stride, InferenceEngine.pytorch, nms,
                lossGains, startNanos);
    }

    /**
     * As above, on a chosen inference engine.
     *
     * @param lossGains needs the pytorch engine (the loss is computed from libtorch's raw outputs)
     */
    public static ValResult evaluate(JavaSparkContext sc, Checkpoint checkpoint, List<ImageRecord> scannedImages,
            int imgSize, int batchSize, int stride, InferenceEngine engine, NmsOptions nms, LossGains lossGains,
            long startNanos) throws IOException {
        if (lossGains != null && engine != InferenceEngine.pytorch) {
            throw new IllegalArgumentException("the validation loss needs the pytorch engine, not " + engine);
        }
        long t0 = startNanos;
        List<ImageRecord> scanned = new ArrayList<>(scannedImages);
        scanned.sort(Comparator.comparingInt(ImageRecord::index));
        List<ImageRecord> ok = scanned.stream().filter(ImageRecord::ok).toList();
        List<ImageRecord> skipped = new ArrayList<>(scanned.stream().filter(r -> !r.ok()).toList());
        List<ImageStats> ordered = new ArrayList<>();
        if (!ok.isEmpty()) {
            int[] h = ok.stream().mapToInt(ImageRecord::height).toArray();
            int[] w = ok.stream().mapToInt(ImageRecord::width).toArray();
            RectBatches rect = RectBatches.of(h, w, batchSize, imgSize, stride, RECT_PAD);
            List<ValBatch> batches = new ArrayList<>();
            for (int b = 0; b < rect.batches(); b++) {
                List<ImageRecord> members = new ArrayList<>();
                for (int i : rect.batch(b)) {
                    members.add(ok.get(i));
                }
                int[] shape = rect.shape(b);
                batches.add(new ValBatch(b, shape[0], shape[1], members));
            }
            List<ImageStats> stats = infer(sc, checkpoint, batches, imgSize, engine, nms, lossGains);
            Map<Integer, ImageStats> byIndex = new HashMap<>();
            stats.forEach(s -> byIndex.put(s.index(), s));
            for (int i : rect.order()) {
                ImageStats s = byIndex.get(ok.get(i).index());
                if (s.ok()) {
                    ordered.add(s);
                } else {
                    skipped.add(new ImageRecord(s.index(), ok.get(i).image(), 0, 0, new float[0][], List.of(), s.error()));
                }
            }
        }
        return ValResult.of(checkpoint.names(), ordered, scanned, skipped, (System.nanoTime() - t0) / 1e9);
    }

    private static List<ImageStats> infer(JavaSparkContext sc, Checkpoint checkpoint, List<ValBatch> batches,
            int imgSize, InferenceEngine engine, NmsOptions nms, LossGains lossGains) throws IOException {
        Broadcast<byte[]> weights = sc.broadcast(checkpoint.toBytes());
        try {
            sc.setJobGroup(JOB_GROUP, "val " + batches.size() + " batches", false);
            int partitions = Math.max(1, Math.min(batches.size(), sc.defaultParallelism() * 2));
            return sc.parallelize(batches, partitions)
                    .mapPartitions(new ValPartition(weights, imgSize, engine, nms,
                            new HadoopConf(sc.hadoopConfiguration()), SparkSessions.taskCpus(sc.getConf()), lossGains))
                    .collect();
        } finally {
            sc.clearJobGroup();
            ModelPool.release(weights);
            weights.destroy();
        }
    }
}
