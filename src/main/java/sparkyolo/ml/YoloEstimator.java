package sparkyolo.ml;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.max;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import sparkyolo.data.augment.CacheMode;
import sparkyolo.io.HadoopConf;
import sparkyolo.io.HadoopFiles;
import sparkyolo.io.RunDirectory;
import sparkyolo.train.OptimizerName;
import sparkyolo.train.TrainJob;
import sparkyolo.train.TrainOptions;
import sparkyolo.train.TrainRequest;
import sparkyolo.weights.Checkpoint;
import sparkyolo.weights.Weights;

/**
 * Trains a YOLOv5 detector on a DataFrame of images ({@code inputCol}: bytes or paths) and boxes
 * ({@code boxesCol}: {@code array<struct<cls, x, y, w, h>>}, normalized centre and size, as
 * {@code prepare}'s Parquet rows) with the project's training job, and returns the trained model.
 * The run directory {@code project/name} (exp, exp2, ...) holds what {@code train} writes, plus
 * {@code dataset/dataset.yaml} naming the Parquet files it trained on (validation = training
 * images): a DataFrame that is a plain read of prepared Parquet files is trained from those files
 * without a copy; any other DataFrame's rows are written once as Parquet in prepare's schema
 * ({@code dataset/train/}). {@code train --resume} can continue the run.
 */
public final class YoloEstimator extends Estimator<YoloModel> implements DetectionParams<YoloEstimator>,
        DefaultParamsWritable {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LogManager.getLogger(YoloEstimator.class);
    private final String uid;
    private final DetectionParamSet detection;
    private final Param<String> boxesCol;
    private final StringArrayParam names;
    private final Param<String> weights;
    private final Param<String> cfg;
    private final Param<String> hyp;
    private final IntParam epochs;
    private final IntParam batchSize;
    private final LongParam seed;
    private final IntParam workers;
    private final BooleanParam autoAnchor;
    private final Param<String> optimizer;
    private final BooleanParam cosLr;
    private final IntArrayParam freeze;
    private final IntParam replicas;
    private final Param<String> cache;
    private final Param<String> project;
    private final Param<String> name;

    public YoloEstimator() {
        this(Identifiable$.MODULE$.randomUID("yoloEstimator"));
    }

    public YoloEstimator(String uid) {
        this.uid = uid;
        detection = new DetectionParamSet(this);
        boxesCol = new Param<>(this, "boxesCol", "boxes column: array<struct<cls, x, y, w, h>>, normalized centre"
                + " and size (prepare's Parquet rows)", NonEmptyString.INSTANCE);
        names = new StringArrayParam(this, "names", "class names; empty: the initial weights' names, or class0..classN"
                + " up to the largest class in the data");
        weights = new Param<>(this, "weights", "initial weights (.pt, checkpoint; any Hadoop FS path); empty: from scratch");
        cfg = new Param<>(this, "cfg", "model YAML (file or bundled name); empty: the weights' model, or yolov5n.yaml");
        hyp = new Param<>(this, "hyp", "hyperparameter YAML (file or bundled name)", NonEmptyString.INSTANCE);
        epochs = new IntParam(this, "epochs", "training epochs", ParamValidators.gtEq(1));
        batchSize = new IntParam(this, "batchSize", "global batch size", ParamValidators.gtEq(1));
        seed = new LongParam(this, "seed", "training seed");
        workers = new IntParam(this, "workers", "data loading threads per replica", ParamValidators.gtEq(0));
        autoAnchor = new BooleanParam(this, "autoAnchor", "check the anchors against the labels, evolve new ones if they fit badly");
        optimizer = new Param<>(this, "optimizer", "SGD, Adam or AdamW",
                ParamValidators.inArray(new String[] {"SGD", "Adam", "AdamW"}));
        cosLr = new BooleanParam(this, "cosLr", "cosine learning-rate schedule instead of linear");
        freeze = new IntArrayParam(this, "freeze", "frozen layers: one number N freezes layers 0..N-1, several freeze"
                + " those layers", (scala.Function1<int[], Object>) v -> java.util.Arrays.stream(v).allMatch(i -> i >= 0));
        replicas = new IntParam(this, "replicas", "model replicas, one per executor (0: one per executor)",
                ParamValidators.gtEq(0));
        cache = new Param<>(this, "cache", "keep the decoded, resized training images across epochs in each executor's"
                + " memory (ram) or local disk (disk); empty: no cache", ParamValidators.inArray(new String[] {"", "ram", "disk"}));
        project = new Param<>(this, "project", "folder of training runs (any Hadoop FS)", NonEmptyString.INSTANCE);
        name = new Param<>(this, "name", "run name in project (exp, then exp2, ...)", NonEmptyString.INSTANCE);
        setDefault(boxesCol, "boxes");
        setDefault(names, new String[0]);
        setDefault(weights, "");
        setDefault(cfg, "");
        setDefault(hyp, "hyp.scratch-low.yaml");
        setDefault(epochs, 3);
        setDefault(batchSize, 16);
        setDefault(seed, 0L);
        setDefault(workers, 2);
        setDefault(autoAnchor, true);
        setDefault(optimizer, "SGD");
        setDefault(cosLr, false);
        setDefault(freeze, new int[] {0});
        setDefault(replicas, 0);
        setDefault(cache, "");
        setDefault(project, "runs/train");
        setDefault(name, "exp");
    }

    public static MLReader<YoloEstimator> read() {
        return new org.apache.spark.ml.util.DefaultParamsReadable<YoloEstimator>() {
        }.read();
    }

    public static YoloEstimator load(String path) {
        return read().load(path);
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public DetectionParamSet detectionParams() {
        return detection;
    }

    public Param<String> boxesCol() {
        return boxesCol;
    }

    public StringArrayParam names() {
        return names;
    }

    public Param<String> weights() {
        return weights;
    }

    public Param<String> cfg() {
        return cfg;
    }

    public Param<String> hyp() {
        return hyp;
    }

    public IntParam epochs() {
        return epochs;
    }

    public IntParam batchSize() {
        return batchSize;
    }

    public LongParam seed() {
        return seed;
    }

    public IntParam workers() {
        return workers;
    }

    public BooleanParam autoAnchor() {
        return autoAnchor;
    }

    public Param<String> optimizer() {
        return optimizer;
    }

    public BooleanParam cosLr() {
        return cosLr;
    }

    public IntArrayParam freeze() {
        return freeze;
    }

    public IntParam replicas() {
        return replicas;
    }

    public Param<String> cache() {
        return cache;
    }

    public Param<String> project() {
        return project;
    }

    public Param<String> name() {
        return name;
    }

    public YoloEstimator setBoxesCol(String value) {
        return (YoloEstimator) set(boxesCol, value);
    }

    public YoloEstimator setNames(String... value) {
        return (YoloEstimator) set(names, value);
    }

    public YoloEstimator setWeights(String value) {
        return (YoloEstimator) set(weights, value);
    }

    public YoloEstimator setCfg(String value) {
        return (YoloEstimator) set(cfg, value);
    }

    public YoloEstimator setHyp(String value) {
        return (YoloEstimator) set(hyp, value);
    }

    public YoloEstimator setEpochs(int value) {
        return (YoloEstimator) set(epochs, value);
    }

    public YoloEstimator setBatchSize(int value) {
        return (YoloEstimator) set(batchSize, value);
    }

    public YoloEstimator setSeed(long value) {
        return (YoloEstimator) set(seed, value);
    }

    public YoloEstimator setWorkers(int value) {
        return (YoloEstimator) set(workers, value);
    }

    public YoloEstimator setAutoAnchor(boolean value) {
        return (YoloEstimator) set(autoAnchor, value);
    }

    public YoloEstimator setOptimizer(String value) {
        return (YoloEstimator) set(optimizer, value);
    }

    public YoloEstimator setCosLr(boolean value) {
        return (YoloEstimator) set(cosLr, value);
    }

    public YoloEstimator setFreeze(int... value) {
        return (YoloEstimator) set(freeze, value);
    }

    public YoloEstimator setReplicas(int value) {
        return (YoloEstimator) set(replicas, value);
    }

    public YoloEstimator setCache(String value) {
        return (YoloEstimator) set(cache, value);
    }

    public YoloEstimator setProject(String value) {
        return (YoloEstimator) set(project, value);
    }

    public YoloEstimator setName(String value) {
        return (YoloEstimator) set(name, value);
    }

    @Override
    public YoloModel fit(Dataset<?> dataset) {
        transformSchema(dataset.schema(), true);
        SparkSession spark = dataset.sparkSession();
        HadoopConf conf = new HadoopConf(spark.sparkContext().hadoopConfiguration());
        HadoopFiles files = conf.files();
        try {
            String runDir = RunDirectory.create(files, getOrDefault(project), getOrDefault(name), false);
            LOG.info("YoloEstimator {}: training in {}", uid, runDir);
            String data = TrainingDataset.write(dataset, getInputCol(), getOrDefault(boxesCol),
                    classNames(dataset, files), HadoopFiles.resolve(runDir, "dataset"), conf);
            TrainJob.Result result = TrainJob.run(spark, files, request(data), HadoopFiles.parent(runDir),
                    HadoopFiles.fileName(runDir), true);
            Checkpoint trained = Weights.load(files, result.weights(), null);
            return copyValues(new YoloModel(uid, ModelWeights.of(trained)).setParent(this), ParamMap.empty());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> classNames(Dataset<?> dataset, HadoopFiles files) throws IOException {
        String[] given = getOrDefault(names);
        if (given.length > 0) {
            return List.of(given);
        }
        if (!getOrDefault(weights).isEmpty()) {
            return Weights.load(files, getOrDefault(weights), emptyToNull(getOrDefault(cfg))).names();
        }
        Row largest = dataset.select(explode(col(getOrDefault(boxesCol) + ".cls")).as("cls")).agg(max("cls")).head();
        return Checkpoint.defaultNames(largest.isNullAt(0) ? 1 : ((Number) largest.get(0)).intValue() + 1);
    }

    private TrainRequest request(String data) {
        TrainOptions options = TrainOptions.builder().epochs((Integer) getOrDefault(epochs))
                .batchSize((Integer) getOrDefault(batchSize)).imgSize(getImgSize())
                .optimizer(OptimizerName.parse(getOrDefault(optimizer))).cosLr((Boolean) getOrDefault(cosLr))
                .freeze(TrainOptions.freezeLayers(getOrDefault(freeze))).seed((Long) getOrDefault(seed))
                .workers((Integer) getOrDefault(workers)).replicas((Integer) getOrDefault(replicas))
                .cache(CacheMode.parse(getOrDefault(cache))).build();
        Map<String, Object> flags = new LinkedHashMap<>();
        for (org.apache.spark.ml.param.ParamPair<?> p : extractParamMap().toList()) {
            flags.put(p.param().name(), p.value());
        }
        return TrainRequest.builder(data, options).cfg(getOrDefault(cfg)).weights(getOrDefault(weights))
                .hyp(getOrDefault(hyp)).autoAnchor((Boolean) getOrDefault(autoAnchor)).flags(flags).build();
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        TrainingDataset.checkBoxes(schema, getOrDefault(boxesCol));
        return DetectionsColumn.appendTo(schema, getInputCol(), getOutputCol());
    }

    @Override
    public YoloEstimator copy(ParamMap extra) {
        return defaultCopy(extra);
    }
}
