package sparkyolo.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sparkyolo.data.augment.CacheMode;
import sparkyolo.dist.WireFormat;
import sparkyolo.io.HadoopFiles;
import sparkyolo.spark.SparkSessions;
import sparkyolo.train.OptimizerName;
import sparkyolo.train.TrainJob;
import sparkyolo.train.TrainOptions;
import sparkyolo.train.TrainRequest;
import sparkyolo.weights.Weights;

/**
 * {@code train}: the original's train.py as Spark jobs. With no arguments it fine-tunes the
 * bundled pretrained yolov5n on the bundled sample dataset for a few epochs (the quick start), and
 * ends by printing the {@code detect} command that tries the trained weights.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train or fine-tune a YOLOv5 model (defaults: fine-tune the bundled yolov5n.pt on the bundled sample data).")
final class TrainCommand implements Callable<Integer> {
    private static final Logger LOG = LogManager.getLogger(TrainCommand.class);
    static final String SAMPLE_DATA = "data/coco-sample/coco-sample.yaml";

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    RunOptions run;

    @Option(names = "--data", defaultValue = SAMPLE_DATA, paramLabel = "DATA.yaml",
            description = "Ultralytics dataset YAML (default: the bundled sample, ${DEFAULT-VALUE}).")
    String data;

    @Option(names = "--cfg", paramLabel = "MODEL.yaml",
            description = "Model YAML (file or bundled name); default yolov5n.yaml when no --weights.")
    String cfg;

    @Option(names = "--weights", defaultValue = Weights.BUNDLED, paramLabel = "FILE",
            description = "Initial weights (.pt, checkpoint, or .npz with --cfg; default: the bundled ${DEFAULT-VALUE});"
                    + " '' trains from scratch.")
    String weights;

    @Option(names = "--hyp", defaultValue = "hyp.scratch-low.yaml", paramLabel = "HYP.yaml",
            description = "Hyperparameter YAML (file or bundled name; default: ${DEFAULT-VALUE}).")
    String hyp;

    @Option(names = "--epochs", defaultValue = "3", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "16", description = "Global batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = {"--img", "--imgsz", "--img-size"}, defaultValue = "320", paramLabel = "PIXELS",
            description = "Train and val image size (default: ${DEFAULT-VALUE}).")
    int img;

    @Option(names = "--optimizer", defaultValue = "SGD", converter = Converters.Optimizer.class,
            description = "SGD, Adam or AdamW (default: ${DEFAULT-VALUE}).")
    OptimizerName optimizer;

    @Option(names = "--cos-lr", description = "Cosine LR schedule (default: linear).")
    boolean cosLr;

    @Option(names = "--label-smoothing", defaultValue = "0.0", description = "Label smoothing epsilon (default: ${DEFAULT-VALUE}).")
    double labelSmoothing;

    @Option(names = "--patience", defaultValue = "100", description = "Early stopping patience in epochs (default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--freeze", split = ",", arity = "1..*", defaultValue = "0",
            description = "Freeze layers: backbone=10, first3=0 1 2 (default: ${DEFAULT-VALUE}).")
    int[] freeze;

    @Option(names = "--seed", defaultValue = "0", description = "Global training seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--workers", defaultValue = "2", description = "Data loading threads per replica (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--replicas", defaultValue = "0",
            description = "Model replicas, one per executor (default: the number of executors; 1 in local mode).")
    int replicas;

    @Option(names = "--micro-batch", defaultValue = "0",
            description = "Largest forward pass of a replica in images; smaller passes accumulate (default: the whole share).")
    int microBatch;

    @Option(names = "--grad-compression", defaultValue = "none", converter = Converters.GradCompression.class,
            description = "Gradients between replicas: none (fp32), bf16 or fp16 (default: ${DEFAULT-VALUE}).")
    WireFormat gradCompression;

    @Option(names = "--gpus-per-replica", defaultValue = "0",
            description = "GPUs per replica's task (a task resource profile; executors need spark.executor.resource.gpu.*).")
    int gpusPerReplica;

    @Option(names = "--cache", arity = "0..1", fallbackValue = "ram", defaultValue = "none", paramLabel = "ram|disk",
            converter = Converters.Cache.class,
            description = "Keep the decoded, resized training images across epochs in each executor's memory (ram,"
                    + " the default of a bare --cache) or on its local disk (disk); default: no cache.")
    CacheMode cache;

    @Option(names = "--resume", arity = "0..1", fallbackValue = "", paramLabel = "LAST",
            description = "Resume the most recent run (or the given weights/last.npz); --epochs may extend it.")
    String resume;

    @Option(names = {"--save-period-batches", "--save-period-steps"}, defaultValue = "0", paramLabel = "K",
            description = "Also save a checkpoint (weights/last.npz, weights/batch<N>.npz) every K batches, at the next "
                    + "optimizer step; --resume continues from it in mid-epoch (default: ${DEFAULT-VALUE}, per epoch "
                    + "only; --save-period-steps is the former name).")
    int savePeriodBatches;

    @Option(names = "--noautoanchor", description = "Disable AutoAnchor.")
    boolean noAutoAnchor;

    @Option(names = "--noval", description = "Only validate the final epoch.")
    boolean noVal;

    @Option(names = "--nosave", description = "Only save the final checkpoint.")
    boolean noSave;

    @Option(names = "--noplots", description = "Save no plot files.")
    boolean noPlots;

    @Option(names = "--nan-limit", defaultValue = "10",
            description = "Stop after this many consecutive optimizer steps with NaN/Inf gradients (default: ${DEFAULT-VALUE}).")
    int nanLimit;

    @Override
    public Integer call() throws Exception {
        TrainOptions options = TrainOptions.builder().epochs(epochs).batchSize(batchSize).imgSize(img)
                .optimizer(optimizer).cosLr(cosLr).labelSmoothing(labelSmoothing)
                .freeze(TrainOptions.freezeLayers(freeze)).seed(seed).workers(workers).nanStepLimit(nanLimit)
                .replicas(replicas).microBatch(microBatch).gradCompression(gradCompression)
                .gpusPerReplica(gpusPerReplica).cache(cache).build();
        TrainRequest request = TrainRequest.builder(data, options).cfg(cfg).weights(weights).hyp(hyp)
                .patience(patience).resume(resume)
                .epochsGiven(spec.commandLine().getParseResult().hasMatchedOption("--epochs"))
                .savePeriodBatches(savePeriodBatches).autoAnchor(!noAutoAnchor).validateEachEpoch(!noVal)
                .saveEachEpoch(!noSave).plots(!noPlots).flags(flags()).build();
        SparkSession spark = SparkSessions.getOrCreate("spark-yolo train");
        HadoopFiles files = new HadoopFiles(spark.sparkContext().hadoopConfiguration());
        TrainJob.Result result = TrainJob.run(spark, files, request, run.projectOr("runs/train"), run.name, run.existOk,
                new TrainProgressBar(System.err));
        if (result.weights() != null) {
            String source = SAMPLE_DATA.equals(data) ? DetectCommand.SAMPLE_IMAGES : data;
            LOG.info("Try the trained model: bin/spark-yolo detect --weights {} --source {}",
                    HadoopFiles.display(result.weights()), source);
        }
        return 0;
    }

    /** The flags as the original's opt.yaml names them, stored with the run. */
    private Map<String, Object> flags() {
        Map<String, Object> flags = new LinkedHashMap<>();
        flags.put("data", data);
        flags.put("cfg", cfg);
        flags.put("weights", weights);
        flags.put("hyp", hyp);
        flags.put("epochs", epochs);
        flags.put("batch_size", batchSize);
        flags.put("imgsz", img);
        flags.put("optimizer", optimizer.toString());
        flags.put("cos_lr", cosLr);
        flags.put("label_smoothing", labelSmoothing);
        flags.put("patience", patience);
        flags.put("freeze", freeze);
        flags.put("seed", seed);
        flags.put("noautoanchor", noAutoAnchor);
        flags.put("cache", cache == CacheMode.NONE ? null : cache.toString());
        return flags;
    }
}
