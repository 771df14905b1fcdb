package sparkyolo.cli;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sparkyolo.data.ImageFiles;
import sparkyolo.data.ImageRef;
import sparkyolo.detect.DetectJob;
import sparkyolo.detect.DetectOptions;
import sparkyolo.detect.ImageDetections;
import sparkyolo.detect.ImageSize;
import sparkyolo.detect.NmsOptions;
import sparkyolo.io.HadoopFiles;
import sparkyolo.spark.SparkSessions;
import sparkyolo.weights.Checkpoint;

/**
 * {@code detect}: the original's detect.py as a Spark job over many images. With no arguments it
 * runs the bundled weights on the bundled sample images.
 */
@Command(name = "detect", mixinStandardHelpOptions = true,
        description = "Detect objects in images (a file, directory, glob, .txt list or dataset YAML on any Hadoop FS).")
final class DetectCommand implements Callable<Integer> {
    private static final Logger LOG = LogManager.getLogger(DetectCommand.class);

    @Mixin
    WeightsOptions weights;

    @Mixin
    RunOptions run;

    @Mixin
    EngineOption engine;

    /** The bundled sample's images, as the original's data/images. */
    static final String SAMPLE_IMAGES = "data/coco-sample/images";

    @Option(names = "--source", defaultValue = SAMPLE_IMAGES, paramLabel = "PATH",
            description = "Image, directory, glob, .txt list, or dataset YAML (image files or a prepared Parquet dataset;"
                    + " default: the bundled sample's images, ${DEFAULT-VALUE}).")
    String source;

    @Option(names = "--split", paramLabel = "SPLIT",
            description = "With a dataset YAML source: only this split (default: all its splits, each image once).")
    String split;

    @Option(names = {"--img", "--imgsz", "--img-size"}, defaultValue = "640", paramLabel = "PIXELS",
            description = "Inference size (default: ${DEFAULT-VALUE}).")
    int img;

    @Option(names = "--conf-thres", defaultValue = "0.25", description = "Confidence threshold (default: ${DEFAULT-VALUE}).")
    double confThres;

    @Option(names = "--iou-thres", defaultValue = "0.45", description = "NMS IoU threshold (default: ${DEFAULT-VALUE}).")
    double iouThres;

    @Option(names = "--max-det", defaultValue = "300", description = "Maximum detections per image (default: ${DEFAULT-VALUE}).")
    int maxDet;

    @Option(names = "--classes", split = ",", arity = "1..*", paramLabel = "CLS",
            description = "Keep only these class indices: --classes 0 or --classes 0 2 3.")
    int[] classes;

    @Option(names = "--agnostic-nms", description = "Class-agnostic NMS.")
    boolean agnostic;

    @Option(names = "--save-txt", description = "Save results as YOLO txt labels.")
    boolean saveTxt;

    @Option(names = "--save-conf", description = "Add confidences to --save-txt labels.")
    boolean saveConf;

    @Option(names = "--save-json", description = "Save all detections as predictions.json (COCO results format).")
    boolean saveJson;

    @Option(names = "--nosave", description = "Do not save annotated images.")
    boolean noSave;

    @Override
    public Integer call() throws Exception {
        NmsOptions nms = NmsOptions.defaults().withConfThres(confThres).withIouThres(iouThres).withMaxDet(maxDet)
                .withAgnostic(agnostic).withClasses(classes);
        SparkSession spark = SparkSessions.getOrCreate("spark-yolo detect");
        HadoopFiles files = new HadoopFiles(spark.sparkContext().hadoopConfiguration());
        Checkpoint checkpoint = weights.load(files);
        int stride = WeightsOptions.checkedStride(checkpoint);
        DetectOptions options = new DetectOptions(ImageSize.check(img, stride), nms, !noSave, saveTxt, saveConf,
                engine.engine);
        List<ImageRef> images = DetectSources.list(spark, files, source, split);
        if (images.isEmpty()) {
            throw new java.io.FileNotFoundException(source + ": no images found (supported: "
                    + String.join(", ", ImageFiles.EXTENSIONS.stream().sorted().toList()) + ")");
        }
        String runDir = run.create(files, "runs/detect");
        LOG.info("detect: {} images from {} -> {}", images.size(), source, HadoopFiles.display(runDir));
        DetectJob.Summary summary;
        try (ProgressBar bar = new ProgressBar(spark.sparkContext(), System.err, DetectJob.JOB_GROUP, "detect")) {
            summary = DetectJob.run(spark, checkpoint, images, options, runDir, saveJson);
        }
        report(summary, options.imgSize());
        if (summary.failed() == summary.results().size()) {
            throw new IllegalArgumentException("none of the " + summary.failed() + " images could be read (see the messages"
                    + " above); nothing was detected");
        }
        return 0;
    }

    private void report(DetectJob.Summary s, int size) {
        long ok = s.results().size() - s.failed();
        double[] ms = new double[3];
        for (ImageDetections r : s.results()) {
            for (int i = 0; i < 3; i++) {
                ms[i] += r.nanos()[i] / 1e6;
            }
        }
        LOG.info(String.format(Locale.ROOT, "Speed: %.1fms pre-process, %.1fms inference, %.1fms NMS per image at --img %d",
                ms[0] / Math.max(ok, 1), ms[1] / Math.max(ok, 1), ms[2] / Math.max(ok, 1), size));
        LOG.info(String.format(Locale.ROOT, "%d images, %d detections, %d skipped, %.1f images/s; results saved to %s",
                ok, s.detections(), s.failed(), s.results().size() / s.seconds(), HadoopFiles.display(s.runDir())));
    }
}
