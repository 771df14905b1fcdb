package sparkyolo.ml;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.util.List;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import sparkyolo.detect.ImageSize;
import sparkyolo.engine.InferenceEngine;
import sparkyolo.io.HadoopConf;
import sparkyolo.io.HadoopFiles;
import sparkyolo.spark.SparkSessions;
import sparkyolo.weights.Weights;

/**
 * A YOLOv5 detector as a Spark ML Model: {@link #transform} adds a detections column
 * ({@link DetectionsColumn}) to a DataFrame of images, with detect's inference path (letterbox to
 * the minimum rectangle, forward, NMS, boxes scaled back) on models pooled per executor. Saved
 * with {@code write().save(path)}: Spark ML's metadata plus the checkpoint in
 * {@code path/data/weights.npz}, which the command line also reads ({@code detect --weights}).
 */
public final class YoloModel extends Model<YoloModel> implements DetectionParams<YoloModel>, DefaultParamsWritable {
    private static final long serialVersionUID = 1L;
    private final String uid;
    private final DetectionParamSet detection;
    private final Param<String> engine;
    private ModelWeights weights;
    private transient Broadcast<byte[]> broadcast;
    private transient SparkContext broadcastContext;

    /** A model without weights, as Spark ML's reader and copy create it; {@link #fromWeights} for users. */
    public YoloModel(String uid) {
        this.uid = uid;
        this.detection = new DetectionParamSet(this);
        this.engine = new Param<>(this, "engine",
                "inference engine: auto (onnxruntime on CPU, pytorch where libtorch sees a GPU), pytorch or onnxruntime",
                EngineName.INSTANCE);
        setDefault(engine, InferenceEngine.DEFAULT_NAME);
    }

    YoloModel(String uid, ModelWeights weights) {
        this(uid);
        this.weights = weights;
    }

    /** A model of weights in any form detect reads (.pt, SparkYOLO checkpoint; any Hadoop FS path). */
    public static YoloModel fromWeights(String path) throws IOException {
        return fromWeights(path, null);
    }

    /** @param cfg a model YAML (file or bundled name), needed for a plain .npz state dict */
    public static YoloModel fromWeights(String path, String cfg) throws IOException {
        HadoopFiles files = new HadoopFiles(SparkSession.active().sparkContext().hadoopConfiguration());
        return new YoloModel(Identifiable$.MODULE$.randomUID("yolo"),
                ModelWeights.of(Weights.load(files, path, cfg)));
    }

    public static MLReader<YoloModel> read() {
        return new YoloModelReader();
    }

    public static YoloModel load(String path) {
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

    /** The inference engine Param (see {@link InferenceEngine}). */
    public Param<String> engine() {
        return engine;
    }

    public String getEngine() {
        return getOrDefault(engine);
    }

    public YoloModel setEngine(String value) {
        return (YoloModel) set(engine, value);
    }

    /** Class names, indexed by the detections' {@code cls}. */
    public List<String> classNames() {
        return weights().names();
    }

    ModelWeights weights() {
        if (weights == null) {
            throw new IllegalStateException("YoloModel " + uid + " has no weights: use YoloModel.fromWeights or load");
        }
        return weights;
    }

    void attach(ModelWeights loaded) {
        this.weights = loaded;
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        transformSchema(dataset.schema(), true);
        SparkContext sc = dataset.sparkSession().sparkContext();
        DetectImageUdf detect = new DetectImageUdf(broadcast(sc), ImageSize.check(getImgSize(), weights().stride()),
                InferenceEngine.valueOf(getEngine()), nmsOptions(), new HadoopConf(sc.hadoopConfiguration()),
                SparkSessions.taskCpus(sc.getConf()));
        return dataset.withColumn(getOutputCol(), functions.udf(detect, DetectionsColumn.TYPE).apply(col(getInputCol())));
    }

    /**
     * The checkpoint broadcast once per SparkContext and kept: executors key their pooled models by
     * it, so later transforms reuse the models built by earlier ones.
     */
    private synchronized Broadcast<byte[]> broadcast(SparkContext sc) {
        if (broadcast == null || broadcastContext != sc) {
            broadcast = JavaSparkContext.fromSparkContext(sc).broadcast(weights().checkpoint());
            broadcastContext = sc;
        }
        return broadcast;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return DetectionsColumn.appendTo(schema, getInputCol(), getOutputCol());
    }

    @Override
    public YoloModel copy(ParamMap extra) {
        return copyValues(new YoloModel(uid, weights), extra).setParent(parent());
    }

    @Override
    public MLWriter write() {
        return new YoloModelWriter(this, DefaultParamsWritable.super.write());
    }
}
