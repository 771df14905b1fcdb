package sparkyolo.detect;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import sparkyolo.data.ImageRef;
import sparkyolo.io.HadoopConf;
import sparkyolo.io.HadoopFiles;
import sparkyolo.spark.ModelPool;
import sparkyolo.spark.SparkSessions;
import sparkyolo.weights.Checkpoint;

/** Detection over many images as one Spark job: the images are split across partitions. */
public final class DetectJob {
    /** Spark job group of detection jobs (for progress reporting). */
    public static final String JOB_GROUP = "sparkyolo-detect";
    private static final Logger LOG = LogManager.getLogger(DetectJob.class);

    private DetectJob() {
    }

    /** What a run did. */
    public record Summary(String runDir, List<ImageDetections> results, double seconds) {
        public long failed() {
            return results.stream().filter(r -> !r.ok()).count();
        }

        public long detections() {
            return results.stream().mapToLong(r -> r.detections().length).sum();
        }
    }

    public static Summary run(SparkSession spark, Checkpoint checkpoint, List<ImageRef> images, DetectOptions options,
            String runDir, boolean saveJson) throws IOException {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        HadoopFiles files = new HadoopFiles(sc.hadoopConfiguration());
        int partitions = Math.max(1, Math.min(images.size(), Math.max(sc.defaultParallelism(), (images.size() + 3) / 4)));
        Broadcast<byte[]> weights = sc.broadcast(checkpoint.toBytes());
        long t0 = System.nanoTime();
        List<ImageDetections> results;
        try {
            sc.setJobGroup(JOB_GROUP, "detect " + images.size() + " images", false);
            results = sc.parallelize(images, partitions)
                    .mapPartitions(new DetectPartition(weights, checkpoint.names(), options, runDir,
                            new HadoopConf(sc.hadoopConfiguration()), SparkSessions.taskCpus(sc.getConf())))
                    .collect();
        } finally {
            sc.clearJobGroup();
            ModelPool.release(weights);
            weights.destroy();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        for (ImageDetections r : results) {
            if (!r.ok()) {
                LOG.warn("skipped {}", r.error());
            }
        }
        if (saveJson) {
            files.writeAtomically(HadoopFiles.resolve(runDir, "predictions.json"), predictionsJson(results));
        }
        return new Summary(runDir, results, seconds);
    }

    private static byte[] predictionsJson(List<ImageDetections> results) throws IOException {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (ImageDetections r : results) {
            if (!r.ok()) {
                continue;
            }
            Object id = DetectionFormats.imageId(HadoopFiles.stem(r.path()));
            for (Map<String, Object> e : DetectionFormats.cocoResults(id, r.detections())) {
                Map<String, Object> withFile = new LinkedHashMap<>(e);
                withFile.put("file", r.path());
                entries.add(withFile);
            }
        }
        return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(entries);
    }
}
