package sparkyolo.train;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import sparkyolo.data.augment.AugmentParams;
import sparkyolo.data.augment.BatchLoader;
import sparkyolo.data.augment.HadoopImageSource;
import sparkyolo.data.augment.SampleFactory;
import sparkyolo.engine.Engines;
import sparkyolo.eval.ImageRecord;
import sparkyolo.image.OpenCv;
import sparkyolo.model.YoloModel;
import sparkyolo.spark.HadoopConf;
import sparkyolo.spark.SparkSessions;
import sparkyolo.weights.Weights;

/**
 * One epoch of one replica as a Spark task: the model is rebuilt from the epoch-start state,
 * trains over the epoch's shuffled batches, and returns its new state and statistics.
 */
final class EpochTask implements FlatMapFunction<Iterator<Integer>, EpochTask.Output> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LogManager.getLogger(EpochTask.class);

    /** What the task returns: the state as checkpoint bytes, and the epoch's statistics. */
    record Output(byte[] state, EpochStats stats) implements Serializable {
    }

    /** The driver's view of a finished epoch. */
    record Result(TrainState state, EpochStats stats) {
    }

    private final Broadcast<byte[]> start;
    private final Broadcast<List<ImageRecord>> data;
    private final TrainOptions options;
    private final Hyp hyp;
    private final int epoch;
    private final HadoopConf conf;
    private final int threads;
    private final String plotDir;

    private EpochTask(Broadcast<byte[]> start, Broadcast<List<ImageRecord>> data, TrainOptions options, Hyp hyp,
            int epoch, HadoopConf conf, int threads, String plotDir) {
        this.plotDir = plotDir;
        this.start = start;
        this.data = data;
        this.options = options;
        this.hyp = hyp;
        this.epoch = epoch;
        this.conf = conf;
        this.threads = threads;
    }

    /** @param plotDir where to draw the first training batches (run directory), or null */
    static Result run(JavaSparkContext sc, TrainState state, Broadcast<List<ImageRecord>> data, TrainOptions options,
            Hyp hyp, int epoch, String plotDir) throws IOException {
        Broadcast<byte[]> start = sc.broadcast(state.toCheckpoint(Map.of(), Map.of()).toBytes());
        try {
            sc.setJobGroup(TrainJob.JOB_GROUP, "train epoch " + epoch + "/" + (options.epochs() - 1), false);
            List<Output> out = sc.parallelize(List.of(0), 1)
                    .mapPartitions(new EpochTask(start, data, options, hyp, epoch,
                            new HadoopConf(sc.hadoopConfiguration()), SparkSessions.taskCpus(sc.getConf()), plotDir))
                    .collect();
            Output o = out.get(0);
            return new Result(TrainState.fromCheckpoint(Weights.fromBytes(o.state(), "epoch " + epoch + " state"),
                    "epoch " + epoch + " state"), o.stats());
        } finally {
            sc.clearJobGroup();
            start.destroy();
        }
    }

    @Override
    public Iterator<Output> call(Iterator<Integer> ignored) throws IOException {
        Engines.pytorch(threads);
        OpenCv.ensureLoaded();
        TrainState state = TrainState.fromCheckpoint(Weights.fromBytes(start.value(), "epoch start"), "epoch start");
        YoloModel model = YoloModel.build(state.spec(), options.seed());
        model.parameters().load(state.model(), "epoch start weights");
        List<ImageRecord> records = data.value();
        int[] order = EpochOrder.permutation(records.size(), options.seed(), epoch);
        SampleFactory samples = new SampleFactory(HadoopImageSource.fromRecords(conf, records), options.imgSize(), true,
                AugmentParams.of(hyp), options.seed());
        int threads = Math.max(1, options.workers());
        try (ReplicaTrainer trainer = new ReplicaTrainer(model, state, options, hyp,
                    TrainingLoss.create(model, hyp, options));
             BatchLoader loader = new BatchLoader(samples, epoch, order, options.batchSize(), threads, 2 * threads)) {
            Iterator<sparkyolo.data.augment.Batch> batches = plotDir != null && epoch == 0
                    ? new BatchPlotting(loader, conf.files(), plotDir, state.names()) : loader;
            EpochStats stats = trainer.runEpoch(epoch, batches, loader.batchCount(), this::progress);
            if (samples.badImages().replacements() > 0) {
                LOG.warn("epoch {}: {} unreadable training images replaced: {}", epoch,
                        samples.badImages().replacements(), samples.badImages().names());
            }
            byte[] bytes = trainer.state(epoch + 1).toCheckpoint(Map.of(), Map.of()).toBytes();
            return List.of(new Output(bytes, stats)).iterator();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void progress(int batch, int batches, float[] loss, int targets, int imgSize) {
        if (batch == batches || batch % 10 == 0) {
            LOG.info(String.format(java.util.Locale.ROOT, "%10s %4d/%d batches  box %.4g  obj %.4g  cls %.4g  labels %d  img %d",
                    epoch + "/" + (options.epochs() - 1), batch, batches, loss[0], loss[1], loss[2], targets, imgSize));
        }
    }
}
