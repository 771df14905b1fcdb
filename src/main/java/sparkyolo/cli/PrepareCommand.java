package sparkyolo.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sparkyolo.prep.PrepareJob;
import sparkyolo.prep.PrepareOptions;
import sparkyolo.prep.PrepareSummary;
import sparkyolo.prep.SourceFormat;
import sparkyolo.prep.SplitRatios;
import sparkyolo.spark.SparkSessions;

/**
 * {@code prepare}: a dataset (Ultralytics YAML, COCO JSON or Pascal VOC) checked, fixed and
 * written as Parquet shards with a dataset YAML, a report and statistics, as one Spark job.
 */
@Command(name = "prepare", mixinStandardHelpOptions = true,
        description = "Check and convert a dataset into Parquet shards (+ dataset YAML, report, statistics).")
final class PrepareCommand implements Callable<Integer> {
    private static final Logger LOG = LogManager.getLogger(PrepareCommand.class);

    @Option(names = PrepareOptions.FORMAT, defaultValue = "yolo", description = "yolo, coco or voc (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = PrepareOptions.SOURCE, required = true,
            description = "Dataset YAML (yolo), instances JSON (coco) or VOC root (voc); any Hadoop FS path.")
    String source;

    @Option(names = PrepareOptions.IMAGES, description = "Image folder of a COCO JSON.")
    String images;

    @Option(names = PrepareOptions.OUTPUT, required = true, description = "Output directory.")
    String output;

    @Option(names = PrepareOptions.OVERWRITE, description = "Replace an existing output directory.")
    boolean overwrite;

    @Option(names = PrepareOptions.ROWS_PER_FILE, description = "Images per Parquet file (instead of --mb-per-file).")
    Integer rowsPerFile;

    @Option(names = PrepareOptions.MB_PER_FILE, description = "Target MB of image bytes per Parquet file (default 128).")
    Double mbPerFile;

    @Option(names = PrepareOptions.MIN_SIZE, defaultValue = "10", description = "Smallest image side kept (default: ${DEFAULT-VALUE}).")
    int minSize;

    @Option(names = PrepareOptions.MAX_SIDE, defaultValue = "0", description = "Resize to this longest side and re-encode (0: keep).")
    int maxSide;

    @Option(names = PrepareOptions.JPEG_QUALITY, defaultValue = "95", description = "JPEG quality when re-encoding (default: ${DEFAULT-VALUE}).")
    int jpegQuality;

    @Option(names = PrepareOptions.SPLIT, description = "Re-split by ratios train,val[,test], e.g. 0.8,0.1,0.1 (default: keep the source splits).")
    String split;

    @Option(names = PrepareOptions.SEED, defaultValue = "0", description = "Seed of the split (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = PrepareOptions.COCO_SPLIT, defaultValue = "train", description = "Split of a COCO JSON's images (default: ${DEFAULT-VALUE}).")
    String cocoSplit;

    @Option(names = PrepareOptions.KEEP_DIFFICULT, description = "Keep VOC boxes flagged difficult.")
    boolean keepDifficult;

    @Option(names = PrepareOptions.CLASS_MAP, split = ",", paramLabel = "OLD=NEW", description = "Rename or merge classes.")
    Map<String, String> classMap = new LinkedHashMap<>();

    @Option(names = PrepareOptions.ANCHOR_MODEL, defaultValue = PrepareOptions.DEFAULT_ANCHOR_MODEL,
            description = "Model whose anchors AutoAnchor checks (default: ${DEFAULT-VALUE}).")
    String anchorModel;

    @Option(names = PrepareOptions.ANCHOR_IMG_SIZE, defaultValue = "640", description = "AutoAnchor image size (default: ${DEFAULT-VALUE}).")
    int anchorImgSize;

    @Override
    public Integer call() throws Exception {
        PrepareOptions.Builder b = PrepareOptions.builder(SourceFormat.parse(format), source, output)
                .images(images).overwrite(overwrite).minSize(minSize).maxSide(maxSide).jpegQuality(jpegQuality)
                .seed(seed).cocoSplit(cocoSplit).keepDifficult(keepDifficult).classMap(classMap)
                .anchorModel(anchorModel).anchorImgSize(anchorImgSize);
        if (rowsPerFile != null) {
            b.rowsPerFile(rowsPerFile);
        }
        if (mbPerFile != null) {
            b.mbPerFile(mbPerFile);
        }
        if (split != null) {
            b.split(SplitRatios.parse(split));
        }
        SparkSession spark = SparkSessions.getOrCreate("spark-yolo prepare");
        PrepareSummary s = PrepareJob.run(spark, b.build());
        LOG.info(String.format(Locale.ROOT, "prepare: %d of %d images written (%d rejected), %d boxes, %.1f images/s",
                s.writtenImages(), s.sourceImages(), s.rejectedImages(), s.boxes(), s.imagesPerSecond()));
        s.issueCounts().forEach((reason, n) -> LOG.info("  {}: {}", reason, n));
        LOG.info("dataset YAML: {}; report: {}", s.datasetYaml(), s.reportText());
        return 0;
    }
}
