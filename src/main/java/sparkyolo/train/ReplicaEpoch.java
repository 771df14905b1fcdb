package sparkyolo.train;

import java.io.IOException;
import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.TaskContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.LongAccumulator;
import sparkyolo.data.ImageRecord;
import sparkyolo.data.augment.AugmentParams;
import sparkyolo.data.augment.Batch;
import sparkyolo.data.augment.BatchLoader;
import sparkyolo.data.augment.HadoopImageSource;
import sparkyolo.data.augment.ImageCache;
import sparkyolo.data.augment.ImageCacheNeed;
import sparkyolo.data.augment.SampleFactory;
import sparkyolo.dist.Collective;
import sparkyolo.engine.Engines;
import sparkyolo.hyp.Hyp;
import sparkyolo.image.OpenCv;
import sparkyolo.io.HadoopConf;
import sparkyolo.model.YoloNetwork;
import sparkyolo.spark.GpuScheduling;
import sparkyolo.util.Npz;
import sparkyolo.weights.Weights;

/**
 * One epoch (or a span of one) of one replica, inside a Spark task: rebuild the model from the
 * start state, train on this replica's share of every global batch of the span, and return the replica's shard (rank 0
 * also returns the model weights, which are the same on every replica).
 */
final class ReplicaEpoch {
    private static final Logger LOG = LogManager.getLogger(ReplicaEpoch.class);

    /** What a replica task returns to the driver. */
    record Output(ReplicaShard shard, byte[] model) implements Serializable {
    }

    private ReplicaEpoch() {
    }

    static Output run(byte[] startState, Broadcast<List<ImageRecord>> data, TrainOptions options, Hyp hyp, int epoch,
            EpochSpan span, HadoopConf conf, int threads, String plotDir, Collective collective,
            LongAccumulator batchCounter) throws IOException {
        List<ImageRecord> records = data.value();
        Engines.pytorch(threads);
        OpenCv.ensureLoaded();
        TrainState state = TrainState.fromCheckpoint(Weights.fromBytes(startState, "epoch start"), "epoch start");
        String where = "replica " + collective.rank() + "/" + collective.size() + " epoch " + epoch;
        String[] gpus = GpuScheduling.assignedGpus();
        YoloNetwork model = YoloNetwork.build(state.spec(), options.seed(), GpuScheduling.deviceFor(gpus, where));
        model.parameters().load(state.model(), "epoch start weights");
        int[] order = EpochOrder.permutation(records.size(), options.seed(), epoch);
        EpochPlan plan = EpochPlan.of(order, options.batchSize(), collective.size(), collective.rank(),
                options.microBatch());
        ImageCache cache = TrainImageCache.open(options, data);
        ImageCache.Stats cachedBefore = cache == null ? null : cache.stats();
        SampleFactory samples = new SampleFactory(HadoopImageSource.fromRecords(conf, records), options.imgSize(), true,
                AugmentParams.of(hyp), options.seed(), cache);
        int loaders = Math.max(1, options.workers());
        try (ReplicaTrainer trainer = new ReplicaTrainer(model, state, options, hyp, TrainingLoss.create(model, hyp, options),
                    collective);
             BatchLoader loader = new BatchLoader(samples, epoch, plan.microBatchesFrom(span.fromBatch()), loaders,
                     2 * loaders)) {
            Iterator<Batch> batches = plotDir != null && epoch == 0 && span.fromBatch() == 0 && collective.rank() == 0
                    ? new BatchPlotting(loader, conf.files(), plotDir, state.names()) : loader;
            TaskContext task = TaskContext.get();
            EpochStats stats = trainer.runEpoch(epoch, plan, span, batches, (b, n, loss, targets, img) -> {
                if (task != null) {
                    // A cancelled job (Ctrl-C, a cancelled job group) stops between batches.
                    task.killTaskIfInterrupted();
                }
                if (collective.rank() == 0) {
                    batchCounter.add(1);
                }
                if (b == n || b % 10 == 0) {
                    LOG.info(String.format(java.util.Locale.ROOT,
                            "%10s %4d/%d batches  box %.4g  obj %.4g  cls %.4g  labels %d  img %d  (%s)",
                            epoch + "/" + (options.epochs() - 1), b, n, loss[0], loss[1], loss[2], targets, img, where));
                }
            });
            if (samples.badImages().replacements() > 0) {
                LOG.warn("{}: {} unreadable training images replaced: {}", where, samples.badImages().replacements(),
                        samples.badImages().names());
            }
            if (cache != null) {
                logCacheUse(where, cache, cachedBefore);
            }
            byte[] weights = collective.rank() == 0 ? Npz.toBytes(trainer.modelState(), Map.of()) : null;
            String device = model.manager().getDevice() + (gpus.length > 0 ? " (assigned gpu " + String.join(" ", gpus) + ")" : "");
            return new Output(trainer.shard(stats.withDevice(device)), weights);
        }
    }

    /** How much of the epoch's images came from the executor's cache (shared by the replicas of its JVM). */
    private static void logCacheUse(String where, ImageCache cache, ImageCache.Stats before) {
        ImageCache.Stats now = cache.stats();
        LOG.info("{}: image cache ({}) holds {} images ({}); this epoch, in this JVM: {} images from the cache, {} loaded",
                where, cache.describe(), now.images(), ImageCacheNeed.gb(now.bytes()), now.hits() - before.hits(),
                now.misses() - before.misses());
    }

    /** The driver's merge of every replica's output into the next state. */
    static EpochJob.Result merge(TrainState start, List<Output> outputs) throws IOException {
        Output first = outputs.stream().filter(o -> o.model() != null).findFirst()
                .orElseThrow(() -> new IllegalStateException("no replica returned the model"));
        var model = Npz.read(new java.io.ByteArrayInputStream(first.model()), "replica 0 weights");
        List<ReplicaShard> shards = outputs.stream().map(Output::shard).toList();
        TrainState merged = ReplicaTrainer.merge(start, model, shards);
        return new EpochJob.Result(merged, first.shard().stats(), shards.stream().map(ReplicaShard::stats).toList());
    }
}
