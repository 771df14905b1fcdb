package sparkyolo.train;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.LongAccumulator;
import sparkyolo.data.ImageRecord;
import sparkyolo.dist.SingleReplica;
import sparkyolo.hyp.Hyp;
import sparkyolo.io.HadoopConf;
import sparkyolo.spark.GpuScheduling;
import sparkyolo.spark.SparkSessions;

/** One epoch (or a span of one) of a single-replica run as one Spark task. */
final class EpochTask implements FlatMapFunction<Iterator<Integer>, ReplicaEpoch.Output> {
    private static final long serialVersionUID = 1L;

    /** The driver's view of a finished epoch: the next state, rank 0's statistics and everyone's. */
    record Result(TrainState state, EpochStats stats, List<EpochStats> replicaStats) {
        /** Consecutive spans of one epoch as one result (the last span's state). */
        static Result combine(List<Result> spans) {
            if (spans.size() == 1) {
                return spans.get(0);
            }
            List<EpochStats> replicas = new java.util.ArrayList<>();
            for (int r = 0; r < spans.get(0).replicaStats().size(); r++) {
                int rank = r;
                replicas.add(EpochStats.combine(spans.stream().map(s -> s.replicaStats().get(rank)).toList()));
            }
            return new Result(spans.get(spans.size() - 1).state(),
                    EpochStats.combine(spans.stream().map(Result::stats).toList()), replicas);
        }
    }

    private final Broadcast<byte[]> start;
    private final Broadcast<List<ImageRecord>> data;
    private final TrainOptions options;
    private final Hyp hyp;
    private final int epoch;
    private final EpochSpan span;
    private final HadoopConf conf;
    private final int threads;
    private final String plotDir;
    private final LongAccumulator batchCounter;

    private EpochTask(Broadcast<byte[]> start, Broadcast<List<ImageRecord>> data, TrainOptions options, Hyp hyp,
            int epoch, EpochSpan span, HadoopConf conf, int threads, String plotDir, LongAccumulator batchCounter) {
        this.start = start;
        this.data = data;
        this.options = options;
        this.hyp = hyp;
        this.epoch = epoch;
        this.span = span;
        this.conf = conf;
        this.threads = threads;
        this.plotDir = plotDir;
        this.batchCounter = batchCounter;
    }

    /** @param plotDir where to draw the first training batches (run directory), or null */
    static Result run(JavaSparkContext sc, TrainState state, Broadcast<List<ImageRecord>> data, TrainOptions options,
            Hyp hyp, int epoch, EpochSpan span, String plotDir, LongAccumulator batchCounter) throws IOException {
        Broadcast<byte[]> start = sc.broadcast(state.toCheckpoint(Map.of(), Map.of()).toBytes());
        try {
            sc.setJobGroup(TrainJob.JOB_GROUP, TrainJob.describe(options, epoch, span), false);
            var profile = GpuScheduling.taskProfile(SparkSessions.taskCpus(sc.getConf()), options.gpusPerReplica());
            var one = sc.parallelize(List.of(0), 1);
            List<ReplicaEpoch.Output> out = (profile == null ? one : one.withResources(profile))
                    .mapPartitions(new EpochTask(start, data, options, hyp, epoch, span,
                            new HadoopConf(sc.hadoopConfiguration()), SparkSessions.taskCpus(sc.getConf()), plotDir, batchCounter))
                    .collect();
            return ReplicaEpoch.merge(state, out);
        } finally {
            sc.clearJobGroup();
            start.destroy();
        }
    }

    @Override
    public Iterator<ReplicaEpoch.Output> call(Iterator<Integer> ignored) throws IOException {
        return List.of(ReplicaEpoch.run(start.value(), data, options, hyp, epoch, span, conf, threads, plotDir,
                SingleReplica.INSTANCE, batchCounter)).iterator();
    }
}
