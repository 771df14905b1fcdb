package sparkyolo.cli;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sparkyolo.data.DatasetConfig;
import sparkyolo.data.ImageRecord;
import sparkyolo.detect.ImageSize;
import sparkyolo.detect.NmsOptions;
import sparkyolo.eval.ValJob;
import sparkyolo.eval.ValReport;
import sparkyolo.eval.ValResult;
import sparkyolo.io.HadoopFiles;
import sparkyolo.scan.DatasetScan;
import sparkyolo.scan.ScanSummary;
import sparkyolo.scan.SplitScan;
import sparkyolo.util.InvalidOptionException;
import sparkyolo.spark.SparkSessions;
import sparkyolo.weights.Checkpoint;

/** {@code val}: the original's val.py (mAP on a labelled split) as Spark jobs. */
@Command(name = "val", mixinStandardHelpOptions = true, description = "Validate weights on a dataset split (P, R, mAP).")
final class ValCommand implements Callable<Integer> {
    private static final Logger LOG = LogManager.getLogger(ValCommand.class);

    @Mixin
    WeightsOptions weights;

    @Mixin
    RunOptions run;

    @Mixin
    EngineOption engine;

    @Option(names = "--data", required = true, paramLabel = "DATA.yaml",
            description = "Ultralytics dataset YAML, or the dataset.yaml of a prepared (Parquet) dataset.")
    String data;

    @Option(names = "--task", defaultValue = "val", description = "Split to validate: train, val or test (default: ${DEFAULT-VALUE}).")
    String task;

    @Option(names = {"--img", "--imgsz", "--img-size"}, defaultValue = "640", paramLabel = "PIXELS",
            description = "Inference size (default: ${DEFAULT-VALUE}).")
    int img;

    @Option(names = "--batch-size", defaultValue = "32", description = "Images per rectangular batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--conf-thres", defaultValue = "0.001", description = "Confidence threshold (default: ${DEFAULT-VALUE}).")
    double confThres;

    @Option(names = "--iou-thres", defaultValue = "0.6", description = "NMS IoU threshold (default: ${DEFAULT-VALUE}).")
    double iouThres;

    @Option(names = "--max-det", defaultValue = "300", description = "Maximum detections per image (default: ${DEFAULT-VALUE}).")
    int maxDet;

    @Option(names = "--save-json", description = "Save predictions.json in COCO results format.")
    boolean saveJson;

    @Override
    public Integer call() throws Exception {
        InvalidOptionException.requireAtLeast("--batch-size", batchSize, 1);
        NmsOptions nms = NmsOptions.defaults().withConfThres(confThres).withIouThres(iouThres).withMaxDet(maxDet)
                .withMultiLabel(true);
        SparkSession spark = SparkSessions.getOrCreate("spark-yolo val");
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        HadoopFiles files = new HadoopFiles(sc.hadoopConfiguration());
        DatasetConfig dataset = DatasetConfig.load(files, data);
        Checkpoint checkpoint = weights.load(files);
        if (checkpoint.spec().nc() != dataset.nc()) {
            throw new IllegalArgumentException(weights.weights + " has nc=" + checkpoint.spec().nc() + " classes but "
                    + data + " has " + dataset.nc());
        }
        int stride = WeightsOptions.checkedStride(checkpoint);
        int size = ImageSize.check(img, stride);
        long t0 = System.nanoTime();
        List<ImageRecord> images;
        try (ProgressBar bar = new ProgressBar(spark.sparkContext(), System.err, DatasetScan.JOB_GROUP, "scan")) {
            images = SplitScan.run(spark, files, dataset, task);
        }
        ScanSummary scan = ScanSummary.of(task, images, dataset.nc());
        scan.checkClasses(data);
        if (images.stream().noneMatch(ImageRecord::ok)) {
            scan.lines(null).forEach(LOG::warn);
            throw new IllegalArgumentException(data + ": none of the " + images.size() + " images of the '" + task
                    + "' split could be read");
        }
        String runDir = run.create(files, "runs/val");
        String scanReport = HadoopFiles.resolve(runDir, "scan-" + task + ".txt");
        if (scan.hasProblems()) {
            scan.lines(HadoopFiles.display(scanReport)).forEach(LOG::warn);
            files.writeAtomically(scanReport, scan.report().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } else {
            scan.lines(null).forEach(LOG::info);
        }
        LOG.info("val: {} images of '{}' in {} -> {}", images.size(), task, data, HadoopFiles.display(runDir));
        ValResult result;
        try (ProgressBar bar = new ProgressBar(spark.sparkContext(), System.err, ValJob.JOB_GROUP, "val ")) {
            result = ValJob.evaluate(sc, new Checkpoint(checkpoint.spec(), dataset.names(), checkpoint.stateDict(),
                    checkpoint.provenance(), null, null), images, size, batchSize, stride, engine.engine, nms, null, t0);
        }
        report(result);
        ValReport.write(files, runDir, result, saveJson);
        LOG.info("Results saved to {}", HadoopFiles.display(runDir));
        return 0;
    }

    private void report(ValResult r) {
        // The scan summary named the images that were corrupt already; these failed later.
        java.util.Set<Integer> corrupt = new java.util.HashSet<>();
        r.scanned().stream().filter(s -> !s.ok()).forEach(s -> corrupt.add(s.index()));
        r.skipped().stream().filter(s -> !corrupt.contains(s.index())).forEach(s -> LOG.warn("skipped image {}", s.error()));
        ValReport.table(r).forEach(LOG::info);
        LOG.info(String.format(Locale.ROOT, "%d images in %.1fs (%.1f images/s); %d skipped images, %d skipped label lines",
                r.seen(), r.seconds(), r.seen() / r.seconds(), r.skipped().size(), r.labelProblems()));
    }
}
